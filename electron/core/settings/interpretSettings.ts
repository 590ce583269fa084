import type { z } from 'zod';
import { ForwardingSettingsSchema } from '../forwarding/forwardingSettings';
import { ProbeSettingsSchema } from '../probes/probeSettings';
import { ServerConfigSchema, type ServerConfig } from '../../../shared/domain/serverConfig';
import { isRecord, migrateSettings, type RawSettings } from './migrations';
import { MaintenanceWindowSchema, type MaintenanceWindow } from '../../../shared/domain/maintenance';
import { CredentialBindingsSchema, defaultSettings, DesktopSettingsSchema, NotificationSettingsSchema, RetentionSchema, SETTINGS_VERSION, SettingsSchema, UiSettingsSchema, type Settings } from './settingsSchema';
import { AnalyticsSettingsSchema } from '../analytics/analyticsSettings';

export interface InterpretedSettings {
  settings: Settings;
  /** Messages for the user (migration notes). */
  notices: string[];
  /** What was wrong and dropped; non-empty means the original file must be kept as a backup. */
  problems: string[];
  /** The file was written by a newer version of the app (kept as a backup before rewriting). */
  newerVersion: number | null;
  /** The stored JSON differs from what this version would write (migrated, stripped, defaulted). */
  rewrite: boolean;
}

const describe = (error: z.ZodError): string => error.issues.map((i) => `${i.path.join('.') || '(value)'}: ${i.message}`).join('; ');

/**
 * Turns whatever settings.json held into valid Settings without ever throwing: migrate, validate,
 * and if validation fails keep every valid part (each server on its own) and report the rest.
 */
export function interpretSettings(stored: unknown): InterpretedSettings {
  if (!isRecord(stored)) {
    return { settings: defaultSettings(), notices: [], problems: ['the file does not hold a settings object'], newerVersion: null, rewrite: true };
  }
  const migrated = migrateSettings(stored);
  const newerVersion = migrated.fromVersion > SETTINGS_VERSION ? migrated.fromVersion : null;
  const candidate: RawSettings = { ...migrated.value, version: SETTINGS_VERSION };
  const parsed = SettingsSchema.safeParse(candidate);
  if (parsed.success) {
    const rewrite = newerVersion !== null || JSON.stringify(parsed.data) !== JSON.stringify(stored);
    return { settings: parsed.data, notices: migrated.notices, problems: [], newerVersion, rewrite };
  }
  const salvaged = salvage(candidate);
  return { settings: salvaged.settings, notices: migrated.notices, problems: salvaged.problems, newerVersion, rewrite: true };
}

function salvage(value: RawSettings): { settings: Settings; problems: string[] } {
  const problems: string[] = [];
  const section = <T>(name: string, schema: z.ZodType<T>, fallback: T): T => {
    const r = schema.safeParse(value[name] ?? {});
    if (r.success) return r.data;
    problems.push(`${name} reset to defaults (${describe(r.error)})`);
    return fallback;
  };
  const defaults = defaultSettings();
  return {
    settings: {
      version: SETTINGS_VERSION,
      servers: salvageServers(value.servers, problems),
      retention: section('retention', RetentionSchema, defaults.retention),
      notifications: section('notifications', NotificationSettingsSchema, defaults.notifications),
      ui: section('ui', UiSettingsSchema, defaults.ui),
      desktop: section('desktop', DesktopSettingsSchema, defaults.desktop),
      maintenance: salvageMaintenance(value.maintenance, problems),
      forwarding: section('forwarding', ForwardingSettingsSchema, defaults.forwarding),
      analytics: section('analytics', AnalyticsSettingsSchema, defaults.analytics),
      probes: section('probes', ProbeSettingsSchema, defaults.probes),
      demoOffered: typeof value.demoOffered === 'boolean' ? value.demoOffered : defaults.demoOffered,
      credentialBindings: section('credentialBindings', CredentialBindingsSchema, defaults.credentialBindings),
    },
    problems,
  };
}

function salvageServers(servers: unknown, problems: string[]): ServerConfig[] {
  if (servers === undefined) return [];
  if (!Array.isArray(servers)) {
    problems.push('servers is not a list; no server could be read');
    return [];
  }
  const kept: ServerConfig[] = [];
  servers.forEach((raw: unknown, index) => {
    const label = `servers[${index}]${isRecord(raw) && typeof raw.id === 'string' ? ` (id "${raw.id}")` : ''}`;
    const r = ServerConfigSchema.safeParse(raw);
    if (!r.success) problems.push(`${label} dropped: ${describe(r.error)}`);
    else if (kept.some((s) => s.id === r.data.id)) problems.push(`${label} dropped: duplicate id`);
    else kept.push(r.data);
  });
  return kept;
}

/** Maintenance windows one by one: a bad one is dropped and said, the others kept. */
function salvageMaintenance(windows: unknown, problems: string[]): MaintenanceWindow[] {
  if (windows === undefined) return [];
  if (!Array.isArray(windows)) {
    problems.push('maintenance is not a list; no maintenance window could be read');
    return [];
  }
  const kept: MaintenanceWindow[] = [];
  windows.forEach((raw: unknown, index) => {
    const r = MaintenanceWindowSchema.safeParse(raw);
    if (r.success) kept.push(r.data);
    else problems.push(`maintenance[${index}] dropped (${describe(r.error)})`);
  });
  return kept;
}
