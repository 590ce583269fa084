import { describe, expect, it } from 'vitest';
import { interpretSettings } from '../../../electron/core/settings/interpretSettings';
import { defaultSettings, GIB, SettingsSchema } from '../../../electron/core/settings/settingsSchema';

const server = { id: 'dns-1', name: 'One', url: 'https://dns-1.example.net', username: 'monitor' };

describe('settings schema', () => {
  it('defaults: 90 days / 1 GiB of history, warnings and up notified, no sound, no quiet hours, auto theme, close to tray, no start at login, no forwarding, a 40 % QPS band for 10 min after 24 h of learning, DNS probes every 30 s', () => {
    expect(defaultSettings()).toEqual({
      version: 3,
      servers: [],
      retention: { maxAgeDays: 90, maxBytes: GIB, telemetryDays: 7, telemetryShare: 0.25 },
      notifications: { enabled: true, minSeverity: 'warning', sound: false, quietHours: null, escalateEveryMinutes: 0 },
      ui: { theme: 'auto' },
      desktop: { closeToTray: true, startAtLogin: false },
      maintenance: [],
      forwarding: { minSeverity: 'warning', alertmanagerUrl: null, webhooks: [] },
      analytics: { qpsBandPercent: 40, qpsMinDurationMinutes: 10, qpsMinQps: 1, qpsWarmupHours: 24 },
      probes: {
        enabled: true,
        intervalSeconds: 30,
        timeoutMs: 2000,
        maxConcurrent: 32,
        publicName: 'example.com',
        internalName: '',
        blockedName: 'malware.testcategory.com',
        driftGraceSeconds: 600,
      },
      demoOffered: false,
      credentialBindings: {},
    });
  });

  it('never holds a secret: a password key on a server config is stripped', () => {
    const parsed = SettingsSchema.parse({ ...defaultSettings(), servers: [{ ...server, password: 'do-not-keep', token: 'nor-this' }] });
    expect(parsed.servers[0]).not.toHaveProperty('password');
    expect(JSON.stringify(parsed)).not.toMatch(/do-not-keep|nor-this/);
  });

  it('quiet hours are HH:MM and may wrap midnight', () => {
    const ok = SettingsSchema.safeParse({ ...defaultSettings(), notifications: { quietHours: { start: '22:00', end: '07:00' } } });
    expect(ok.success).toBe(true);
    const bad = SettingsSchema.safeParse({ ...defaultSettings(), notifications: { quietHours: { start: '24:00', end: '7' } } });
    expect(bad.success).toBe(false);
  });

  it('server ids are unique', () => {
    expect(SettingsSchema.safeParse({ ...defaultSettings(), servers: [server, { ...server, name: 'Again' }] }).success).toBe(false);
  });

  it('invalid parts are reset one by one; every valid server is kept and each problem is named', () => {
    const read = interpretSettings({
      version: 3,
      servers: [server, { id: 'broken', name: 'B', url: 'ftp://nope', username: 'monitor' }, { ...server, name: 'dup' }],
      retention: { maxAgeDays: -4 },
      ui: { theme: 'dark' },
    });
    expect(read.settings.servers.map((s) => s.name)).toEqual(['One']);
    expect(read.settings.retention.maxAgeDays).toBe(90);
    expect(read.settings.ui.theme).toBe('dark');
    expect(read.problems.join('\n')).toMatch(/servers\[1\] \(id "broken"\) dropped: url/);
    expect(read.problems.join('\n')).toMatch(/servers\[2\] \(id "dns-1"\) dropped: duplicate id/);
    expect(read.problems.join('\n')).toMatch(/retention reset to defaults/);
  });

  it('something that is not a settings object at all gives defaults and a problem, not an exception', () => {
    for (const junk of [null, 42, 'text', [1, 2]]) {
      const read = interpretSettings(junk);
      expect(read.settings).toEqual(defaultSettings());
      expect(read.problems.length).toBe(1);
    }
  });
});
