import { z } from 'zod';
import { MaintenanceWindowSchema } from '../../../shared/domain/maintenance';
import { NotificationPolicySchema, QuietHoursSchema } from '../../../shared/domain/notificationPolicy';
import { DAY } from '../../../shared/domain/ids';
import { ServerConfigSchema } from '../../../shared/domain/serverConfig';
import { ForwardingSettingsSchema } from '../forwarding/forwardingSettings';
import { AnalyticsSettingsSchema } from '../analytics/analyticsSettings';
import { ProbeSettingsSchema } from '../probes/probeSettings';

/** The version this build writes. Older files are migrated (migrations.ts), never rejected. */
export const SETTINGS_VERSION = 3;
export const GIB = 1024 * 1024 * 1024;
export const DEFAULT_RETENTION = { maxAgeDays: 90, maxBytes: GIB, telemetryDays: 7, telemetryShare: 0.25 } as const;

/**
 * How long and how much the event log keeps (eventlog/Retention.ts). History (state changes, alerts,
 * threats, gaps, admin messages) keeps `maxAgeDays`; telemetry (query samples, periodic status)
 * keeps `telemetryDays` and at most `telemetryShare` of `maxBytes`, and is deleted first when the
 * log is over `maxBytes`. The two telemetry fields default, so files written before them parse unchanged.
 */
export const RetentionSchema = z.object({
  maxAgeDays: z.number().int().min(1).max(3650).default(DEFAULT_RETENTION.maxAgeDays),
  maxBytes: z.number().int().min(16 * 1024 * 1024).max(1024 * GIB).default(DEFAULT_RETENTION.maxBytes),
  telemetryDays: z.number().int().min(1).max(3650).default(DEFAULT_RETENTION.telemetryDays),
  telemetryShare: z.number().min(0.05).max(0.9).default(DEFAULT_RETENTION.telemetryShare),
});

export { QuietHoursSchema };
/** The alerting policy (shared/domain/notificationPolicy.ts: the IPC contract carries it too). */
export const NotificationSettingsSchema = NotificationPolicySchema;

export const CredentialBindingsSchema = z.record(z.string().max(200), z.string().regex(/^[0-9a-f]{64}$/));

export const UiSettingsSchema = z.object({ theme: z.enum(['auto', 'light', 'dark']).default('auto') });

/** The Electron host's desktop behaviour; other hosts ignore it. New keys default, no version bump. */
export const DesktopSettingsSchema = z.object({
  /** Closing the window keeps the monitor in the tray, where a tray can be seen (else it minimises). */
  closeToTray: z.boolean().default(true),
  /** Start with the session (macOS login items, Windows Run key, Linux XDG autostart). */
  startAtLogin: z.boolean().default(false),
});

/**
 * settings.json. Servers use the shared ServerConfigSchema, which strips unknown keys: a `password`
 * that slipped into a config object is dropped here and never written (settings hold no secret).
 */
export const SettingsSchema = z.object({
  version: z.literal(SETTINGS_VERSION),
  servers: z
    .array(ServerConfigSchema)
    .default([])
    .refine((servers) => new Set(servers.map((s) => s.id)).size === servers.length, 'server ids must be unique'),
  retention: RetentionSchema.prefault({}),
  notifications: NotificationSettingsSchema.prefault({}),
  ui: UiSettingsSchema.prefault({}),
  desktop: DesktopSettingsSchema.prefault({}),
  /** Saved maintenance windows (scheduled ahead, recurring in a time zone): alerts recorded, not notified. */
  maintenance: z.array(MaintenanceWindowSchema).max(1000).default([]),
  /** Alert forwarding (Alertmanager); see forwarding/forwardingSettings.ts. */
  forwarding: ForwardingSettingsSchema.prefault({}),
  /** The QPS baseline's band, duration and floor (analytics/analyticsSettings.ts). */
  analytics: AnalyticsSettingsSchema.prefault({}),
  /** Active DNS probes (probes/probeSettings.ts). */
  probes: ProbeSettingsSchema.prefault({}),
  /** Whether the first-run demo fleet offer was shown (or made moot by a configured server). */
  demoOffered: z.boolean().default(false),
  /**
   * Server id -> the URL and username its stored password was entered for (a sha256, not a secret;
   * credentials/credentialBinding.ts). Read with Object.hasOwn: the keys are server ids.
   */
  credentialBindings: CredentialBindingsSchema.default({}),
});
export type Settings = z.infer<typeof SettingsSchema>;
export type RetentionSettings = z.infer<typeof RetentionSchema>;
export type NotificationSettings = z.infer<typeof NotificationSettingsSchema>;
export type DesktopSettings = z.infer<typeof DesktopSettingsSchema>;

export function defaultSettings(): Settings {
  return SettingsSchema.parse({ version: SETTINGS_VERSION });
}

/** Retention as a duration, for the event log. */
export const retentionMaxAgeMs = (r: RetentionSettings): number => r.maxAgeDays * DAY;
