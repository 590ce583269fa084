import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator, type EmulatedServer } from '../../../electron/emulator';
import { runCli, runCliToEnd, type CliRun } from './runCli';

// Issue 17 item 14: `monitor --json --for N` ended its stream before the events committed by the
// shutdown flush (232,757 stored, 230,297 printed). Every stored event must have been printed.
describe('dnsfleet monitor --json ends with what the final flush committed', () => {
  let emulator: EmulatedServer;
  let dir: string;
  let cli: CliRun | undefined;

  beforeEach(async () => {
    emulator = await startEmulator({ healthIntervalMs: 60_000 });
    dir = mkdtempSync(join(tmpdir(), 'dnsfleet-flush-'));
  });
  afterEach(async () => {
    await cli?.stop();
    await emulator.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('prints every event it stored, when --for ends in the middle of a storm', async () => {
    const fleet = { servers: [{ id: 'dns-a', name: 'DNS A', url: emulator.url, username: 'monitor', passwordEnv: 'DNSFLEET_DNSA_PW', stack: 'unified' }] };
    writeFileSync(join(dir, 'fleet.json'), JSON.stringify(fleet));
    const data = join(dir, 'data');
    cli = runCli(['monitor', '--config', join(dir, 'fleet.json'), '--data-dir', data, '--json', '--for', '6'], { DNSFLEET_DNSA_PW: 'monitor-pass' });
    await cli.waitFor((l) => l.kind === 'state' && l.state === 'live', 20_000);
    // Still storming when --for runs out, so the shutdown flush has events to commit.
    // 10,000/s for at most the 6 s of --for stays under the 100,000 rows `events --limit` can list.
    void emulator.control.storm({ eventsPerSecond: 10_000, durationMs: 15_000 });
    expect(await cli.exited).toBe(0);
    const printed = cli.lines.filter((l) => l.kind === 'event').length;

    const stored = await runCliToEnd(['events', '--data-dir', data, '--json', '--limit', '100000']);
    expect(stored.code, stored.stderr).toBe(0);
    const storedCount = stored.stdout.trim().split('\n').filter(Boolean).length;
    expect(storedCount).toBeGreaterThan(1000);
    expect(storedCount).toBeLessThan(100_000);
    expect(printed).toBe(storedCount);
  }, 90_000);
});
