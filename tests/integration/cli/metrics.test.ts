import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator, type EmulatedServer } from '../../../electron/emulator';
import { runCli, runCliToEnd, type CliRun } from './runCli';

// `dnsfleet monitor --metrics-listen` end to end: the real CLI process against a real emulator on
// loopback, scraped over HTTP while the emulator changes state through its HTTP control API.
describe('dnsfleet monitor --metrics-listen', () => {
  let emulator: EmulatedServer | undefined;
  let dir: string;
  let cli: CliRun | undefined;

  beforeEach(async () => {
    emulator = await startEmulator({ healthIntervalMs: 300, systemIntervalMs: 500 });
    dir = mkdtempSync(join(tmpdir(), 'dnsfleet-metrics-'));
  });
  afterEach(async () => {
    await cli?.stop();
    await emulator?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Waits for the "serving" line the CLI writes to stderr, which carries the port it bound. */
  async function metricsUrl(run: CliRun, ms = 30_000): Promise<string> {
    const deadline = Date.now() + ms;
    for (;;) {
      const m = /serving (http:\/\/127\.0\.0\.1:\d+\/metrics)/.exec(run.stderr());
      if (m) return m[1]!;
      if (Date.now() > deadline || run.child.exitCode !== null) throw new Error(`no metrics url; stderr:\n${run.stderr()}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  /** Scrapes until `pattern` appears (the core follows the emulator within a few pushes). */
  async function scrapeUntil(url: string, pattern: RegExp, ms = 20_000): Promise<string> {
    const deadline = Date.now() + ms;
    let last = '';
    while (Date.now() < deadline) {
      const res = await fetch(url);
      expect(res.status).toBe(200);
      last = await res.text();
      if (pattern.test(last)) return last;
      await new Promise((r) => setTimeout(r, 200));
    }
    throw new Error(`${pattern} never appeared; last scrape:\n${last.split('\n').filter((l) => l.startsWith('dnsfleet_')).join('\n')}`);
  }

  const control = (path: string, body: unknown) =>
    fetch(`${emulator!.url}/__emulator/${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

  /** The one verdict level set to 1 for a server in a scrape (every level is a series; exactly one is 1). */
  const verdictOf = (text: string, server: string): string[] =>
    [...text.matchAll(new RegExp(`^dnsfleet_server_verdict\\{server="${server}",level="([a-z]+)"\\} 1$`, 'gm'))].map((m) => m[1]!);

  it('follows the emulator: live, a forwarder down, BIND down (verdict critical, alerts open), then the server gone', async () => {
    // A display name that tries to end its label and forge a series: it must stay one escaped label value.
    const hostileName = 'DNS "A"} 1\ndnsfleet_server_live{server="forged"} 1';
    const fleet = { servers: [{ id: 'dns-a', name: hostileName, url: emulator!.url, username: 'monitor', passwordEnv: 'DNSFLEET_DNSA_PW', stack: 'legacy' }] };
    writeFileSync(join(dir, 'fleet.json'), JSON.stringify(fleet));
    cli = runCli(
      ['monitor', '--config', join(dir, 'fleet.json'), '--data-dir', join(dir, 'data'), '--json', '--metrics-listen', '127.0.0.1:0'],
      { DNSFLEET_DNSA_PW: 'monitor-pass' },
    );
    const url = await metricsUrl(cli);

    const up = await scrapeUntil(url, /^dnsfleet_bind_running\{server="dns-a"\} 1$/m);
    expect(up).toMatch(/^dnsfleet_server_live\{server="dns-a"\} 1$/m);
    expect(up).toMatch(/^dnsfleet_server_state\{server="dns-a",state="live"\} 1$/m);
    expect(up).toMatch(/^dnsfleet_forwarder_healthy\{server="dns-a",forwarder="Corporate AD"\} 1$/m);
    expect(up).toMatch(/^process_resident_memory_bytes \d+/m);
    expect(up).not.toContain('monitor-pass');
    expect(up).toContain('dnsfleet_server_info{server="dns-a",name="DNS \\"A\\"} 1\\ndnsfleet_server_live{server=\\"forged\\"} 1"} 1');
    expect(up).not.toMatch(/^dnsfleet_server_live\{server="forged"\}/m);
    // Live with fresh health data: a verdict that is neither blind nor critical (the emulator's "Public DNS" is degraded).
    const seen = await scrapeUntil(url, /^dnsfleet_server_verdict\{server="dns-a",level="(ok|warning)"\} 1$/m);
    expect(verdictOf(seen, 'dns-a')).toHaveLength(1);

    expect((await control('forwarder', { id: 1, status: 'unhealthy', pushNow: true })).status).toBe(200);
    const fwdDown = await scrapeUntil(url, /^dnsfleet_forwarder_healthy\{server="dns-a",forwarder="Corporate AD"\} 0$/m);
    expect(fwdDown).toMatch(/^dnsfleet_server_live\{server="dns-a"\} 1$/m);
    await scrapeUntil(url, /^dnsfleet_server_verdict\{server="dns-a",level="critical"\} 1$/m);

    expect((await control('forwarder', { id: 1, status: 'healthy', pushNow: true })).status).toBe(200);
    expect((await control('bind', { running: false })).status).toBe(200);
    await control('push-health', {});
    const bindDown = await scrapeUntil(url, /^dnsfleet_bind_running\{server="dns-a"\} 0$/m);
    expect(bindDown).toMatch(/^dnsfleet_server_live\{server="dns-a"\} 1$/m);
    const critical = await scrapeUntil(url, /^dnsfleet_alerts_open\{server="dns-a",severity="critical"\} [1-9]\d*$/m);
    expect(verdictOf(critical, 'dns-a')).toEqual(['critical']);
    await scrapeUntil(url, /^dnsfleet_events_total\{server="dns-a",category="[a-z]+",severity="[a-z]+"\} [1-9]/m);

    await emulator!.close();
    emulator = undefined;
    const gone = await scrapeUntil(url, /^dnsfleet_server_live\{server="dns-a"\} 0$/m);
    expect(gone).toMatch(/^dnsfleet_server_state\{server="dns-a",state="live"\} 0$/m);
    expect(gone).not.toMatch(/^dnsfleet_bind_running\{/m);
    // Silent: the verdict says blind (never green, and no longer claiming what it cannot see).
    await scrapeUntil(url, /^dnsfleet_server_verdict\{server="dns-a",level="blind"\} 1$/m);
    const code = await cli.stop();
    expect(code, cli.stderr()).toBe(0);
  }, 120_000);

  it('exports the query rate a unified-stack server pushes', async () => {
    await emulator!.close();
    emulator = await startEmulator({ backgroundQueryRatePerSec: 5 });
    const fleet = { servers: [{ id: 'dns-u', name: 'DNS U', url: emulator.url, username: 'monitor', passwordEnv: 'DNSFLEET_DNSU_PW', stack: 'unified' }] };
    writeFileSync(join(dir, 'fleet.json'), JSON.stringify(fleet));
    cli = runCli(
      ['monitor', '--config', join(dir, 'fleet.json'), '--data-dir', join(dir, 'data'), '--json', '--metrics-listen', '127.0.0.1:0'],
      { DNSFLEET_DNSU_PW: 'monitor-pass' },
    );
    const text = await scrapeUntil(await metricsUrl(cli), /^dnsfleet_queries_per_second\{server="dns-u"\} [0-9.e+-]+$/m);
    expect(text).toMatch(/^dnsfleet_server_live\{server="dns-u"\} 1$/m);
  }, 90_000);

  it('refuses a non-loopback address without --metrics-allow-remote, before connecting anywhere', async () => {
    writeFileSync(join(dir, 'ok.json'), JSON.stringify({ servers: [] }));
    const refused = await runCliToEnd(['monitor', '--config', join(dir, 'ok.json'), '--data-dir', join(dir, 'data'), '--metrics-listen', '0.0.0.0:9469']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/not a loopback address.*--metrics-allow-remote/);
  }, 30_000);
});
