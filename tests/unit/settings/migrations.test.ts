import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { interpretSettings } from '../../../electron/core/settings/interpretSettings';
import { migrateSettings, type RawSettings } from '../../../electron/core/settings/migrations';
import { GIB, SETTINGS_VERSION } from '../../../electron/core/settings/settingsSchema';

const fixture = (name: string): RawSettings => JSON.parse(readFileSync(new URL(`../../fixtures/settings/${name}`, import.meta.url), 'utf8')) as RawSettings;

describe('settings migrations', () => {
  it('v1 (prototype): servers, retention, alert level and theme survive; the plain-text password does not', () => {
    const { settings, notices, problems, rewrite } = interpretSettings(fixture('v1.json'));
    expect(problems).toEqual([]);
    expect(rewrite).toBe(true);
    expect(settings.version).toBe(SETTINGS_VERSION);
    expect(settings.servers.map((s) => s.id)).toEqual(['dns-lon-1', 'dns-lon-2']);
    const lon1 = settings.servers[0]!;
    expect(lon1).toMatchObject({ stack: 'unified', pollSeconds: 30, group: 'london', tags: [] });
    expect(lon1.tls?.fingerprint256).toMatch(/^AB:CD:EF/);
    expect(settings.servers[1]!.enabled).toBe(false);
    expect(settings.retention).toEqual({ maxAgeDays: 30, maxBytes: GIB, telemetryDays: 7, telemetryShare: 0.25 });
    expect(settings.notifications).toEqual({ enabled: true, minSeverity: 'error', sound: false, quietHours: null, escalateEveryMinutes: 0 });
    expect(settings.ui.theme).toBe('auto');
    expect(settings.demoOffered).toBe(true);
    expect(JSON.stringify(settings)).not.toContain('hunter2');
    expect(notices.join()).toMatch(/passwords.*removed.*dns-lon-1/);
    expect(notices.join()).not.toContain('dns-lon-2');
  });

  it('v2: every value is kept and the new fields get their defaults', () => {
    const { settings, notices, problems } = interpretSettings(fixture('v2.json'));
    expect(problems).toEqual([]);
    expect(notices).toEqual([]);
    expect(settings.servers[0]).toMatchObject({ id: 'dns-fra-1', stack: 'legacy', legacyTypes: 'health+system', pollSeconds: 120, tags: ['edge', 'eu'] });
    // Telemetry's budget did not exist in v2: it gets its defaults, history's values are kept.
    expect(settings.retention).toEqual({ maxAgeDays: 180, maxBytes: 2 * GIB, telemetryDays: 7, telemetryShare: 0.25 });
    expect(settings.notifications).toEqual({ enabled: false, minSeverity: 'critical', sound: true, quietHours: null, escalateEveryMinutes: 0 });
    expect(settings.ui.theme).toBe('dark');
  });

  it('migrations are pure: the input object is left as it was', () => {
    const input = fixture('v1.json');
    const before = JSON.stringify(input);
    migrateSettings(input);
    expect(JSON.stringify(input)).toBe(before);
  });

  it('a file without a version is read as the v1 prototype; an empty one as a fresh install', () => {
    const { version: _v, ...unversioned } = fixture('v1.json');
    expect(migrateSettings(unversioned).fromVersion).toBe(1);
    expect(interpretSettings(unversioned).settings.retention.maxAgeDays).toBe(30);
    const fresh = interpretSettings({});
    expect(fresh.settings.servers).toEqual([]);
    expect(fresh.settings.demoOffered).toBe(false);
    expect(fresh.notices).toEqual([]);
  });

  it('a maintenance window that no longer reads is dropped and said; the others are kept', () => {
    const good = { id: 'w1', serverId: 'dns-1', startsAt: 1, endsAt: 2, recurrence: 'none', timeZone: 'UTC', note: '' };
    const { settings, problems } = interpretSettings({ version: SETTINGS_VERSION, maintenance: [good, { id: 'w2', serverId: 'dns-1', startsAt: 5, endsAt: 1 }] });
    expect(settings.maintenance).toEqual([good]);
    expect(problems).toEqual([expect.stringMatching(/^maintenance\[1\] dropped \(.*the window must end after it starts/)]);
  });

  it('current-version settings are not rewritten', () => {
    const once = interpretSettings(fixture('v2.json')).settings;
    expect(interpretSettings(JSON.parse(JSON.stringify(once))).rewrite).toBe(false);
  });
});
