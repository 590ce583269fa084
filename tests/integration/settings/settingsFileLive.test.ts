// The running core watches settings.json: another process's valid change is applied as if made in
// the app (same pushes), a corrupt or invalid file is ignored and logged, its own writes do not loop.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { MonitoringSettings } from '../../../shared/domain/monitoringSettings';
import type { CoreHandle, PushMessage } from '../../../electron/core/api/CoreHandle';
import { createCore, defaultPaths } from '../../../electron/core/compose';
import { MemoryCredentialStore } from '../../../electron/core/credentials/MemoryCredentialStore';
import type { Logger } from '../../../electron/core/platform';
import { runCliToEnd } from '../cli/runCli';

interface Line {
  level: string;
  msg: string;
  fields?: Record<string, unknown>;
}

let core: CoreHandle | undefined;
let dir: string | undefined;
afterEach(async () => {
  await core?.dispose();
  if (dir) rmSync(dir, { recursive: true, force: true });
  core = undefined;
  dir = undefined;
});

/** Resolves with the first item from `from` on that matches, as items arrive (never a sleep). */
function waiter<T>(items: T[]) {
  const checks = new Set<() => void>();
  const add = (item: T) => {
    items.push(item);
    for (const c of [...checks]) c();
  };
  const wait = (pred: (item: T) => boolean, from = items.length, ms = 10_000) =>
    new Promise<T>((resolve, reject) => {
      const check = () => {
        const found = items.slice(from).find(pred);
        if (!found) return;
        checks.delete(check);
        clearTimeout(timer);
        resolve(found);
      };
      const timer = setTimeout(() => (checks.delete(check), reject(new Error(`timed out; seen:\n${items.map((i) => JSON.stringify(i)).join('\n')}`))), ms);
      checks.add(check);
      check();
    });
  return { add, wait };
}

async function runningCore() {
  dir = mkdtempSync(join(tmpdir(), 'dnsfleet-settings-file-'));
  const lines: Line[] = [];
  const log = waiter(lines);
  const logger: Logger = {
    debug: (msg, fields) => log.add({ level: 'debug', msg, fields }),
    info: (msg, fields) => log.add({ level: 'info', msg, fields }),
    warn: (msg, fields) => log.add({ level: 'warn', msg, fields }),
    error: (msg, fields) => log.add({ level: 'error', msg, fields }),
    child: () => logger,
  };
  const pushes: PushMessage[] = [];
  const pushed = waiter(pushes);
  core = await createCore({
    host: 'cli',
    paths: defaultPaths(dir),
    logger,
    notifier: { notify: () => {} },
    credentials: new MemoryCredentialStore({ available: true, persistent: false, detail: 'test' }),
    fleetOverride: [],
  });
  core.onPush((m) => pushed.add(m));
  core.start();
  const c = core;
  const monitoring = async () => (await c.handlers['settings:getMonitoring']({})) as MonitoringSettings;
  return { dir, lines, pushes, waitLog: log.wait, waitPush: pushed.wait, monitoring };
}

const isMonitoringPush = (band: number) => (m: PushMessage) => m.channel === 'settings:onDidChangeMonitoring' && (m.payload as MonitoringSettings).analytics.qpsBandPercent === band;

describe('settings.json changed while the core runs', () => {
  it('`dnsfleet settings set` from another process is applied live and pushed like a change made in the app', async () => {
    const c = await runningCore();
    const set = await runCliToEnd(['settings', 'set', '--data-dir', c.dir, 'analytics.qpsBandPercent', '55']);
    expect(set, set.stderr).toMatchObject({ code: 0 });
    await c.waitPush(isMonitoringPush(55), 0);
    expect((await c.monitoring()).analytics.qpsBandPercent).toBe(55);

    const policy = await runCliToEnd(['settings', 'set', '--data-dir', c.dir, 'notify.minSeverity', 'error']);
    expect(policy, policy.stderr).toMatchObject({ code: 0 });
    const pushed = await c.waitPush((m) => m.channel === 'settings:onDidChangePolicy', 0);
    expect(pushed.payload).toMatchObject({ minSeverity: 'error' });
  }, 30_000);

  it('a half-written or invalid settings.json leaves the running settings as they were, says so in the log, and a later valid file still applies', async () => {
    const c = await runningCore();
    const file = join(c.dir, 'settings.json');
    const before = await c.monitoring();
    const kept = (m: Line) => m.level === 'warn' && m.msg.includes('the running settings are kept');

    writeFileSync(file, '{"version":3,"analytics":{"qpsBandPercent":');
    await c.waitLog(kept, 0);
    expect(await c.monitoring()).toEqual(before);
    // Ignored, not "recovered": the file is left for whoever is writing it.
    expect(readFileSync(file, 'utf8')).toBe('{"version":3,"analytics":{"qpsBandPercent":');

    const seen = c.lines.length;
    writeFileSync(file, JSON.stringify({ version: 3, analytics: { qpsBandPercent: 500 } }));
    const invalid = await c.waitLog(kept, seen);
    expect(JSON.stringify(invalid.fields)).toContain('analytics');
    expect(await c.monitoring()).toEqual(before);
    expect(c.pushes.filter((m) => m.channel === 'settings:onDidChangeMonitoring')).toEqual([]);

    writeFileSync(file, JSON.stringify({ version: 3, analytics: { qpsBandPercent: 60 } }));
    await c.waitPush(isMonitoringPush(60), 0);
    expect((await c.monitoring()).analytics.qpsBandPercent).toBe(60);
  });

  it("the core's own write is read back once and not applied again (no loop)", async () => {
    const c = await runningCore();
    const from = c.lines.length;
    await core!.handlers['settings:setMonitoring']({ analytics: { ...(await c.monitoring()).analytics, qpsBandPercent: 50 } });
    await c.waitLog((l) => l.msg.includes('settings.json re-read; nothing new'), from);
    expect(c.pushes.filter((m) => m.channel === 'settings:onDidChangeMonitoring')).toHaveLength(1);
    expect(c.lines.filter((l) => l.msg.includes('changed on disk; applied'))).toEqual([]);
  });
});
