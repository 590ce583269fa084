import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startEmulator, type EmulatedServer } from '../../../electron/emulator';
import { runCli, type CliRun } from './runCli';

// The real CLI's /metrics carries the active DNS probes and follows the emulated BIND (issue 16).
describe('dnsfleet monitor --metrics-listen: probe series', () => {
  let emulator: EmulatedServer | undefined;
  let dir: string | undefined;
  let cli: CliRun | undefined;
  afterEach(async () => {
    await cli?.stop();
    await emulator?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  async function scrapeUntil(run: CliRun, pattern: RegExp, ms = 30_000): Promise<string> {
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

  it('histograms probe latency per probe and drops probe success to 0 while BIND is down', async () => {
    emulator = await startEmulator({ dns: true, healthIntervalMs: 300, systemIntervalMs: 500 });
    dir = mkdtempSync(join(tmpdir(), 'dnsfleet-metrics-probes-'));
    const fleet = { servers: [{ id: 'dns-a', name: 'DNS A', url: emulator.url, username: 'monitor', passwordEnv: 'DNSFLEET_DNSA_PW', stack: 'legacy', dns: { port: emulator.dnsPort } }] };
    writeFileSync(join(dir, 'fleet.json'), JSON.stringify(fleet));
    writeFileSync(join(dir, 'settings.json'), JSON.stringify({ version: 3, probes: { intervalSeconds: 1, timeoutMs: 300 } }));
    cli = runCli(['monitor', '--config', join(dir, 'fleet.json'), '--data-dir', dir, '--json', '--metrics-listen', '127.0.0.1:0'], { DNSFLEET_DNSA_PW: 'monitor-pass' });

    const up = await scrapeUntil(cli, /^dnsfleet_probe_success\{server="dns-a",probe="soa:corp\.local"\} 1$/m);
    expect(up).toMatch(/^dnsfleet_probe_latency_seconds_count\{server="dns-a",probe="public"\} [1-9]\d*$/m);
    expect(up).toMatch(/^dnsfleet_probe_success\{server="dns-a",probe="blocked"\} 1$/m);

    emulator.control.setBindRunning(false);
    await scrapeUntil(cli, /^dnsfleet_probe_success\{server="dns-a",probe="public"\} 0$/m);
    const down = await scrapeUntil(cli, /^dnsfleet_alerts_open\{server="dns-a",severity="critical"\} [1-9]/m);
    expect(down).toMatch(/^dnsfleet_probe_success\{server="dns-a",probe="soa:corp\.local"\} 0$/m);
  });
});
