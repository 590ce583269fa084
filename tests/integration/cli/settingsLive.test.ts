import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startEmulator, type EmulatedServer } from '../../../electron/emulator';
import { runCli, runCliToEnd, type CliRun } from './runCli';

// `dnsfleet settings set` run from another shell while `dnsfleet monitor` runs takes effect without a restart.
describe('dnsfleet settings set while dnsfleet monitor runs', () => {
  let emulator: EmulatedServer | undefined;
  let dir: string | undefined;
  let cli: CliRun | undefined;
  afterEach(async () => {
    await cli?.stop();
    await emulator?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  async function scrapeUntil(run: CliRun, pattern: RegExp, ms: number): Promise<string> {
    const deadline = Date.now() + ms;
    let last = '';
    for (;;) {
      const m = /serving (http:\/\/127\.0\.0\.1:\d+\/metrics)/.exec(run.stderr());
      if (m) {
        last = await (await fetch(m[1]!)).text();
        if (pattern.test(last)) return last;
      }
      if (Date.now() > deadline || run.child.exitCode !== null) throw new Error(`${pattern} never appeared:\n${last.split('\n').filter((l) => l.includes('probe')).join('\n')}\n${run.stderr()}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }

  it('probes switched on by `settings set probes.enabled on` start probing in the running monitor', async () => {
    emulator = await startEmulator({ dns: true, healthIntervalMs: 300, systemIntervalMs: 500 });
    dir = mkdtempSync(join(tmpdir(), 'dnsfleet-settings-live-'));
    const fleet = { servers: [{ id: 'dns-a', name: 'DNS A', url: emulator.url, username: 'monitor', passwordEnv: 'DNSFLEET_DNSA_PW', stack: 'legacy', dns: { port: emulator.dnsPort } }] };
    writeFileSync(join(dir, 'fleet.json'), JSON.stringify(fleet));
    writeFileSync(join(dir, 'settings.json'), JSON.stringify({ version: 3, probes: { enabled: false, intervalSeconds: 1, timeoutMs: 300 } }));
    cli = runCli(['monitor', '--config', join(dir, 'fleet.json'), '--data-dir', dir, '--json', '--metrics-listen', '127.0.0.1:0'], { DNSFLEET_DNSA_PW: 'monitor-pass' });
    await cli.waitFor((l) => l.kind === 'state' && l.state === 'live', 20_000);
    const before = await scrapeUntil(cli, /^dnsfleet_/m, 10_000);
    expect(before).not.toMatch(/^dnsfleet_probe_success\{/m);

    const set = await runCliToEnd(['settings', 'set', '--data-dir', dir, 'probes.enabled', 'on']);
    expect(set, set.stderr).toMatchObject({ code: 0, stdout: 'probes.enabled true\n' });
    // Probing every second once applied: a first set within a few seconds, not after a restart.
    await scrapeUntil(cli, /^dnsfleet_probe_success\{server="dns-a",probe="public"\} 1$/m, 15_000);
  }, 60_000);
});
