/**
 * Enterprise policy (policy.json): an administrator pre-seeds servers and locks settings for the
 * desktop app. Read from the system config dir (not writable by users), else from the data dir:
 *   Linux   /etc/dns-fleet-monitor/policy.json
 *   Windows %ProgramData%\DNS Fleet Monitor\policy.json
 *   macOS   /Library/Application Support/DNS Fleet Monitor/policy.json
 *   any     <data dir>/policy.json
 * `servers` are added when missing (never with passwordEnv: the desktop app asks the keychain);
 * every value under `settings` is locked: applied over the user's settings on every read and
 * write. A file that does not parse locks nothing and says so in the app's notices.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { ServerConfigSchema } from '../../shared/domain/serverConfig';
import type { Logger } from '../core/platform';
import { DesktopSettingsSchema, NotificationSettingsSchema, RetentionSchema, UiSettingsSchema, type Settings } from '../core/settings/settingsSchema';

export const POLICY_FILE = 'policy.json';

export const PolicySchema = z.object({
  servers: z.array(ServerConfigSchema).max(500).default([]),
  settings: z
    .object({
      notifications: NotificationSettingsSchema.partial().strict().optional(),
      retention: RetentionSchema.partial().strict().optional(),
      ui: UiSettingsSchema.partial().strict().optional(),
      desktop: DesktopSettingsSchema.partial().strict().optional(),
    })
    .strict()
    .default({}),
});
export type Policy = z.infer<typeof PolicySchema>;

export function policyPaths(platform: NodeJS.Platform, env: NodeJS.ProcessEnv, dataDir: string): string[] {
  const system =
    platform === 'win32'
      ? join(env.ProgramData || 'C:\\ProgramData', 'DNS Fleet Monitor', POLICY_FILE)
      : platform === 'darwin'
        ? join('/Library/Application Support/DNS Fleet Monitor', POLICY_FILE)
        : join('/etc/dns-fleet-monitor', POLICY_FILE);
  return [system, join(dataDir, POLICY_FILE)];
}

export interface LoadedPolicy {
  policy: Policy | null;
  source: string | null;
  notices: string[];
}

/** The first policy file that exists wins; a broken one is reported, never half-applied. */
export function loadPolicy(paths: string[], logger: Logger, read: (path: string) => string = (p) => readFileSync(p, 'utf8')): LoadedPolicy {
  for (const path of paths) {
    let text: string;
    try {
      text = read(path);
    } catch {
      continue; // no file here
    }
    try {
      const raw: unknown = JSON.parse(text);
      const parsed = PolicySchema.safeParse(raw);
      if (parsed.success) {
        const policy = onlyGiven(parsed.data, raw);
        return { policy, source: path, notices: [lockedNotice(policy, path)].filter((n) => n !== '') };
      }
      logger.warn('policy file ignored', { path, issues: parsed.error.issues.slice(0, 5).map((i) => `${i.path.join('.')}: ${i.message}`) });
    } catch (err) {
      logger.warn('policy file ignored: not JSON', { path, err });
    }
    return { policy: null, source: path, notices: [`The policy file ${path} could not be read and was ignored; nothing is locked.`] };
  }
  return { policy: null, source: null, notices: [] };
}

/**
 * Only the values the file states are locked: the section schemas fill in defaults for the rest,
 * which must stay the user's to choose.
 */
function onlyGiven(p: Policy, raw: unknown): Policy {
  const rawSettings = (raw as { settings?: Record<string, unknown> }).settings ?? {};
  const settings: Record<string, Record<string, unknown>> = {};
  for (const [section, values] of Object.entries(p.settings)) {
    const given = Object.hasOwn(rawSettings, section) ? (rawSettings[section] as Record<string, unknown>) : {};
    settings[section] = Object.fromEntries(Object.entries(values ?? {}).filter(([k]) => Object.hasOwn(given, k)));
  }
  return { ...p, settings: settings as Policy['settings'] };
}

function lockedNotice(p: Policy, path: string): string {
  const keys = Object.entries(p.settings).flatMap(([section, values]) => Object.keys(values ?? {}).map((k) => `${section}.${k}`));
  return keys.length > 0 ? `Managed by ${path}: ${keys.join(', ')}` : '';
}

/** Policy over settings: missing servers added (without passwordEnv), locked values overlaid. */
export function applyPolicy(s: Settings, p: Policy | null): Settings {
  if (!p) return s;
  const have = new Set(s.servers.map((x) => x.id));
  const seeded = p.servers.filter((x) => !have.has(x.id)).map(({ passwordEnv: _dropped, ...rest }) => rest);
  const { notifications, retention, ui, desktop } = p.settings;
  return {
    ...s,
    servers: [...s.servers, ...seeded],
    notifications: { ...s.notifications, ...notifications },
    retention: { ...s.retention, ...retention },
    ui: { ...s.ui, ...ui },
    desktop: { ...s.desktop, ...desktop },
  };
}
