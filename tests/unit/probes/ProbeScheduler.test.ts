import { describe, expect, it } from 'vitest';
import { ServerConfigSchema, type ServerConfig } from '../../../shared/domain/serverConfig';
import type { DnsQuestion, DnsResult } from '../../../electron/core/probes/dnsQuery';
import { ProbeScheduler, type ProbeSetDone } from '../../../electron/core/probes/ProbeScheduler';
import { DEFAULT_PROBE_SETTINGS, type ProbeSettings } from '../../../electron/core/probes/probeSettings';
import { nullLogger } from '../../../electron/core/util/logger';
import { FakeClock } from '../alerts/support/FakeClock';

const config = (id: string, over: Partial<ServerConfig> = {}): ServerConfig =>
  ServerConfigSchema.parse({ id, name: id, url: `https://${id}.example:8443`, username: 'monitor', ...over });

/** A DNS that answers when the test says so: every question waits until released. */
class HeldDns {
  readonly asked: DnsQuestion[] = [];
  inFlight = 0;
  maxInFlight = 0;
  private readonly waiting: (() => void)[] = [];
  query = (q: DnsQuestion): Promise<DnsResult> => {
    this.asked.push(q);
    this.inFlight++;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    return new Promise((resolve) =>
      this.waiting.push(() => {
        this.inFlight--;
        resolve({ ok: true, rcode: 'NOERROR', answers: ['192.0.2.1'], serial: q.type === 'SOA' ? 7 : null, latencyMs: 1, transport: 'udp', truncatedOverUdp: false });
      }),
    );
  };
  releaseAll(): void {
    for (const w of this.waiting.splice(0)) w();
  }
}

const flush = () => new Promise<void>((r) => setImmediate(r));

function scheduler(dns: HeldDns, settings: Partial<ProbeSettings> = {}) {
  const clock = new FakeClock();
  const done: ProbeSetDone[] = [];
  const s = new ProbeScheduler({
    clock,
    logger: nullLogger,
    settings: () => ({ ...DEFAULT_PROBE_SETTINGS, ...settings }),
    facts: () => ({ zones: [{ name: 'corp.local' }, { name: 'b.example' }], forwarderTypes: ['active_directory', 'public'] }),
    query: dns.query,
    random: () => 0.5,
  });
  s.onDidComplete((d) => done.push(d));
  return { s, clock, done };
}

describe('ProbeScheduler', () => {
  it('asks the SOA of every zone, one name per forwarder type and the blocked name, at the server over UDP port 53', async () => {
    const dns = new HeldDns();
    const { s, clock, done } = scheduler(dns, { internalName: 'dc.corp.example' });
    s.setServers([config('hq1')]);
    clock.advance(30_000);
    await flush();
    expect(dns.asked.map((q) => `${q.type} ${q.name}`)).toEqual(['SOA b.example', 'SOA corp.local', 'A dc.corp.example', 'A example.com', 'A malware.testcategory.com']);
    expect(dns.asked.every((q) => q.host === 'hq1.example' && q.port === 53 && q.transport === 'udp')).toBe(true);
    dns.releaseAll();
    await flush();
    expect(done).toHaveLength(1);
    expect(s.view('hq1').results.map((r) => r.probe)).toEqual(['soa:b.example', 'soa:corp.local', 'internal', 'public', 'blocked']);
  });

  it('never runs two sets of one server at once: a tick while the set is in flight is skipped', async () => {
    const dns = new HeldDns();
    const { s, clock, done } = scheduler(dns);
    s.setServers([config('hq1')]);
    clock.advance(30_000);
    await flush();
    const firstSet = dns.asked.length;
    clock.advance(95_000); // three more ticks while the first set hangs
    await flush();
    expect(dns.asked.length).toBe(firstSet);
    expect(s.skipped).toBe(3);
    dns.releaseAll();
    await flush();
    clock.advance(35_000);
    await flush();
    expect(dns.asked.length).toBe(2 * firstSet);
    expect(done).toHaveLength(1);
  });

  it('keeps at most maxConcurrent queries in flight across the fleet', async () => {
    const dns = new HeldDns();
    const { s, clock } = scheduler(dns, { maxConcurrent: 3 });
    s.setServers(['a', 'b', 'c', 'd'].map((id) => config(id)));
    clock.advance(31_000);
    await flush();
    expect(dns.inFlight).toBe(3);
    for (let i = 0; i < 10; i++) {
      dns.releaseAll();
      await flush();
    }
    expect(dns.maxInFlight).toBe(3);
    expect(dns.asked).toHaveLength(4 * 4); // 2 SOA + public + blocked (no internal name: not configured, not sent)
  });

  it('says why a server is not probed: a loopback API URL without a DNS address, or probes turned off', () => {
    const dns = new HeldDns();
    const { s } = scheduler(dns);
    s.setServers([config('tunnel', { url: 'https://127.0.0.1:9443' }), config('off', { dns: { enabled: false, port: 53, transport: 'udp' } })]);
    expect(s.view('tunnel')).toMatchObject({ target: null, unprobed: expect.stringContaining('set the server\'s dns.host and dns.port') });
    expect(s.view('off')).toMatchObject({ target: null, unprobed: 'DNS probes are off for this server (dns.enabled)' });
  });

  it('shows "not probed yet" (no set) until the first set finishes, and the internal probe as not configured without a name', async () => {
    const dns = new HeldDns();
    const { s, clock } = scheduler(dns);
    s.setServers([config('hq1', { dns: { enabled: true, port: 5353, transport: 'tcp' } })]);
    expect(s.view('hq1')).toMatchObject({ lastSetAt: null, target: 'hq1.example:5353 over TCP', results: [] });
    clock.advance(30_000);
    await flush();
    dns.releaseAll();
    await flush();
    expect(s.view('hq1').results.find((r) => r.probe === 'internal')).toMatchObject({ outcome: 'not-configured', detail: 'no internal name configured (dns.internalName)' });
  });
});

describe('ProbeScheduler against hostile zone names', () => {
  it('a zone name no DNS message can carry is that probe failing, not the set', async () => {
    const { queryDns } = await import('../../../electron/core/probes/dnsQuery');
    const clock = new FakeClock();
    const done: ProbeSetDone[] = [];
    const s = new ProbeScheduler({
      clock,
      logger: nullLogger,
      settings: () => ({ ...DEFAULT_PROBE_SETTINGS, timeoutMs: 300 }),
      facts: () => ({ zones: [{ name: `${'a'.repeat(80)}.example` }], forwarderTypes: [] }),
      query: queryDns,
      random: () => 0,
    });
    s.onDidComplete((d) => done.push(d));
    s.setServers([config('hq1', { dns: { enabled: true, host: '127.0.0.1', port: 9, transport: 'udp' } })]);
    clock.advance(1);
    await new Promise<void>((resolve) => s.onDidComplete(() => resolve()));
    const soa = done[0]!.results.find((r) => r.kind === 'soa')!;
    expect(soa).toMatchObject({ outcome: 'error', healthy: false });
    expect(soa.detail).toBe('probe failed: not a DNS name');
    expect(done[0]!.results.map((r) => r.probe)).toEqual([`soa:${'a'.repeat(80)}.example`, 'public', 'blocked']);
  });
});

describe('ProbeScheduler with settings changed while running', () => {
  it('a raised fleet-wide limit lets waiting questions go at once', async () => {
    const dns = new HeldDns();
    const settings: ProbeSettings = { ...DEFAULT_PROBE_SETTINGS, maxConcurrent: 1 };
    const clock = new FakeClock();
    const s = new ProbeScheduler({ clock, logger: nullLogger, settings: () => settings, facts: () => ({ zones: [{ name: 'a.example' }], forwarderTypes: ['public'] }), query: dns.query, random: () => 0.5 });
    s.setServers([config('hq1')]);
    clock.advance(30_000);
    await flush();
    expect(dns.inFlight).toBe(1);
    settings.maxConcurrent = 3;
    s.applySettings();
    await flush();
    expect(dns.inFlight).toBe(3);
    expect(dns.maxInFlight).toBe(3);
  });

  it('a longer interval leaves the armed tick alone and spaces the ticks after it', async () => {
    const dns = new HeldDns();
    const settings: ProbeSettings = { ...DEFAULT_PROBE_SETTINGS, intervalSeconds: 10 };
    const clock = new FakeClock();
    const s = new ProbeScheduler({ clock, logger: nullLogger, settings: () => settings, facts: () => null, query: dns.query, random: () => 0.5 });
    s.setServers([config('hq1')]);
    settings.intervalSeconds = 100;
    s.applySettings();
    clock.advance(5_000); // the tick armed at half the old interval
    await flush();
    const first = dns.asked.length;
    expect(first).toBeGreaterThan(0);
    dns.releaseAll();
    await flush();
    clock.advance(99_000); // the next one is 100 s after (jitter 0 at random 0.5)
    await flush();
    expect(dns.asked.length).toBe(first);
    clock.advance(1_000);
    await flush();
    expect(dns.asked.length).toBe(2 * first);
  });
});
