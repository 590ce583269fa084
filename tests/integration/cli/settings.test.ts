/** `dnsfleet settings get|set`: a real settings.json; the command in-process, and once through the real bin. */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { settingsCommand } from '../../../electron/hosts/cli/settings';
import { runCliToEnd } from './runCli';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
function dataDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'dnsfleet-settings-'));
  dirs.push(d);
  return d;
}
const file = (dir: string) => JSON.parse(readFileSync(join(dir, 'settings.json'), 'utf8')) as Record<string, Record<string, unknown>>;

async function settings(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const out = new PassThrough();
  const err = new PassThrough();
  let stdout = '';
  let stderr = '';
  out.on('data', (d: Buffer) => (stdout += d.toString()));
  err.on('data', (d: Buffer) => (stderr += d.toString()));
  const code = await settingsCommand(args, { stdout: out, stderr: err });
  return { code, stdout, stderr };
}

describe('dnsfleet settings', () => {
  it('sets the documented keys through the validated schema and reads them back', async () => {
    const dir = dataDir();
    for (const [key, value] of [
      ['notify.minSeverity', 'error'],
      ['notify.quietHours', '22:00-07:00'],
      ['notify.escalateEveryMinutes', '15'],
      ['retention.maxMegabytes', '2048'],
      ['retention.eventDays', '30'],
      ['retention.telemetryDays', '3'],
      ['retention.telemetryPercent', '40'],
      ['forward.alertmanagerUrl', 'http://alertmanager.example:9093'],
      ['forward.minSeverity', 'error'],
      ['analytics.qpsBandPercent', '50'],
      ['analytics.qpsMinDurationMinutes', '20'],
      ['analytics.qpsMinQps', '5'],
      ['analytics.qpsWarmupHours', '48'],
    ] as const) {
      const r = await settings('set', '--data-dir', dir, key, value);
      expect(r, r.stderr).toMatchObject({ code: 0, stdout: `${key} ${value}\n` });
    }
    const saved = file(dir);
    expect(saved.notifications).toMatchObject({ minSeverity: 'error', quietHours: { start: '22:00', end: '07:00' }, escalateEveryMinutes: 15 });
    expect(saved.retention).toMatchObject({ maxBytes: 2048 * 1024 * 1024, maxAgeDays: 30, telemetryDays: 3, telemetryShare: 0.4 });
    expect(saved.forwarding).toMatchObject({ alertmanagerUrl: 'http://alertmanager.example:9093', minSeverity: 'error' });
    expect(saved.analytics).toEqual({ qpsBandPercent: 50, qpsMinDurationMinutes: 20, qpsMinQps: 5, qpsWarmupHours: 48 });
    const got = await settings('get', '--data-dir', dir, '--json');
    expect(JSON.parse(got.stdout)).toMatchObject({
      'notify.minSeverity': 'error',
      'notify.quietHours': '22:00-07:00',
      'notify.enabled': true,
      'retention.maxMegabytes': 2048,
      'retention.eventDays': 30,
      'retention.telemetryDays': 3,
      'retention.telemetryPercent': 40,
    });
    expect((await settings('get', '--data-dir', dir, 'notify.quietHours')).stdout).toBe('notify.quietHours 22:00-07:00\n');
    expect((await settings('set', '--data-dir', dir, 'notify.quietHours', 'off')).code).toBe(0);
    expect(file(dir).notifications!.quietHours).toBeNull();
  });

  it('sets the webhooks as a JSON list, checked like the Settings page, and empties them with off', async () => {
    const dir = dataDir();
    const hooks = '[{"id":"ops","url":"https://hooks.example/dns","format":"slack","signed":true}]';
    const r = await settings('set', '--data-dir', dir, 'forward.webhooks', hooks);
    expect(r, r.stderr).toMatchObject({ code: 0, stdout: `forward.webhooks ${hooks}\n` });
    expect(file(dir).forwarding!.webhooks).toEqual([{ id: 'ops', url: 'https://hooks.example/dns', format: 'slack', signed: true }]);
    const dup = await settings('set', '--data-dir', dir, 'forward.webhooks', '[{"id":"a","url":"https://x.example/"},{"id":"a","url":"https://y.example/"}]');
    expect(dup.code).toBe(2);
    expect(dup.stderr).toMatch(/webhook ids must be unique/);
    expect((await settings('set', '--data-dir', dir, 'forward.webhooks', '{"id":"a"}')).stderr).toMatch(/is not a JSON list/);
    expect((await settings('set', '--data-dir', dir, 'forward.webhooks', 'off')).code).toBe(0);
    expect(file(dir).forwarding!.webhooks).toEqual([]);
  });

  it('sets every probe setting the Settings page has, within the same bounds', async () => {
    const dir = dataDir();
    for (const [key, value] of [
      ['probes.timeoutMs', '1500'],
      ['probes.maxConcurrent', '8'],
      ['probes.publicName', 'www.example.org'],
      ['probes.internalName', 'dc1.corp.example'],
      ['probes.blockedName', 'blocked.test'],
    ] as const) {
      const r = await settings('set', '--data-dir', dir, key, value);
      expect(r, r.stderr).toMatchObject({ code: 0, stdout: `${key} ${value}\n` });
    }
    expect(file(dir).probes).toMatchObject({ timeoutMs: 1500, maxConcurrent: 8, publicName: 'www.example.org', internalName: 'dc1.corp.example', blockedName: 'blocked.test' });
    const tooShort = await settings('set', '--data-dir', dir, 'probes.timeoutMs', '50');
    expect(tooShort.code).toBe(2);
    expect(file(dir).probes!.timeoutMs).toBe(1500);
  });

  it('an unknown key or a bad value is a clear error, exit 2, and nothing is written', async () => {
    const dir = dataDir();
    expect((await settings('set', '--data-dir', dir, 'notify.minSeverity', 'critical')).code).toBe(0);
    const before = readFileSync(join(dir, 'settings.json'), 'utf8');
    const cases: [string, string, RegExp][] = [
      ['notify.loudness', '11', /unknown key "notify.loudness"/],
      ['notify.minSeverity', 'loud', /"loud" is not one of debug, info, warning, error, critical/],
      ['notify.quietHours', '25:00-07:00', /notify.quietHours: a time as HH:MM/],
      ['notify.quietHours', 'nights', /"nights" is not HH:MM-HH:MM or off/],
      ['retention.eventDays', '0', /retention.eventDays: Too small/i],
      ['retention.maxMegabytes', 'lots', /not a whole number of megabytes/],
      ['retention.telemetryPercent', '95', /retention.telemetryPercent: Too big/i],
      ['retention.telemetryPercent', 'half', /"half" is not a whole percentage/],
      ['analytics.qpsBandPercent', '99', /analytics.qpsBandPercent: Too big/i],
      ['forward.alertmanagerUrl', 'http://admin:pw@am:9093', /no user name or password in the URL/],
      ['forward.alertmanagerUrl', 'ftp://am', /an http:\/\/ or https:\/\/ URL/],
      ['__proto__', 'x', /unknown key "__proto__"/],
      ['toString', 'x', /unknown key "toString"/],
    ];
    for (const [key, value, message] of cases) {
      const r = await settings('set', '--data-dir', dir, key, value);
      expect(r.code, `${key} ${value}`).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.stdout).toBe('');
    }
    expect(readFileSync(join(dir, 'settings.json'), 'utf8')).toBe(before);
    expect((await settings('get', '--data-dir', dir, 'nope')).code).toBe(2);
  });

  it('through the real bin: a value is set, and an unknown key on a fresh data dir writes no file at all', async () => {
    const dir = dataDir();
    const bad = await runCliToEnd(['settings', 'set', '--data-dir', dir, 'nope', '1']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('keys:\n  notify.enabled');
    expect(existsSync(join(dir, 'settings.json'))).toBe(false);
    const ok = await runCliToEnd(['settings', 'set', '--data-dir', dir, 'notify.minSeverity', 'warning']);
    expect(ok).toMatchObject({ code: 0, stdout: 'notify.minSeverity warning\n' });
    expect(file(dir).notifications).toMatchObject({ minSeverity: 'warning' });
  }, 60_000);
});
