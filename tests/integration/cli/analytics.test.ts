/** `dnsfleet analytics`: the rollups and the saved baselines of a real data dir, read by the command. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { baselineFileStore } from '../../../electron/core/analytics/baselineFile';
import { emptyModel, observe } from '../../../electron/core/analytics/QpsModel';
import { SqliteEventLog } from '../../../electron/core/eventlog/SqliteEventLog';
import { analyticsCommand } from '../../../electron/hosts/cli/analytics';
import { HOUR, MINUTE } from '../../../shared/domain/ids';
import { querySample } from '../../unit/analytics/querySamples';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

async function run(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const out = new PassThrough();
  const err = new PassThrough();
  let stdout = '';
  let stderr = '';
  out.on('data', (d: Buffer) => (stdout += d.toString()));
  err.on('data', (d: Buffer) => (stderr += d.toString()));
  const code = await analyticsCommand(args, { stdout: out, stderr: err });
  return { code, stdout, stderr };
}

async function dataDir(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'dnsfleet-analytics-'));
  dirs.push(dir);
  const now = Date.now();
  const log = SqliteEventLog.open({ dataDir: dir });
  log.append([
    ...Array.from({ length: 4 }, () => querySample('dns-01', now - 5 * MINUTE, 'intranet.corp.local', '10.0.0.1')),
    querySample('dns-01', now - 5 * MINUTE, 'ads.tracker.io', '10.0.0.2', true),
    querySample('dns-02', now - 5 * MINUTE, '\u001b[31mred.example', '10.0.0.3'),
  ]);
  await log.close();
  const m = emptyModel();
  for (let t = now - 30 * HOUR; t < now; t += 10 * MINUTE) observe(m, t, 100);
  baselineFileStore(dir).save(new Map([['dns-01', m]]));
  return dir;
}

describe('dnsfleet analytics', () => {
  it('prints one server: samples, blocked ratio, top lists, NXDOMAIN as unknown, and its baseline', async () => {
    const dir = await dataDir();
    const r = await run('--data-dir', dir, '--server', 'dns-01', '--range', '15m');
    expect(r, r.stderr).toMatchObject({ code: 0 });
    expect(r.stdout).toContain('dns-01, last 15m');
    expect(r.stdout).toContain('5 query samples');
    expect(r.stdout).toContain('Blocked: 20.0 %   NXDOMAIN: unknown');
    expect(r.stdout).toMatch(/ {7}4 {2}intranet\.corp\.local/);
    expect(r.stdout).toMatch(/dns-01: usually 100 qps at this hour \(band 60\.0-167\), \d+ h learned/);
  });

  it('--json gives the same numbers as the app, fleet-wide, with control characters kept out of the table', async () => {
    const dir = await dataDir();
    const json = await run('--data-dir', dir, '--json', '--range', '24h');
    const parsed = JSON.parse(json.stdout) as { queries: { samples: number; blocked: number; topDomains: { key: string }[] }; baselines: { server: string }[] };
    expect(parsed.queries).toMatchObject({ samples: 6, blocked: 1 });
    expect(parsed.queries.topDomains[0]!.key).toBe('intranet.corp.local');
    expect(parsed.baselines.map((b) => b.server)).toEqual(['dns-01']);
    const text = await run('--data-dir', dir);
    expect(text.stdout).not.toContain('\u001b');
  });

  it('refuses a range it does not know', async () => {
    const dir = await dataDir();
    expect(await run('--data-dir', dir, '--range', '7d')).toMatchObject({ code: 2, stderr: 'dnsfleet analytics: --range takes 15m, 1h or 24h\n' });
  });
});
