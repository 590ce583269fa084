import { describe, expect, it } from 'vitest';
import type { FleetEvent } from '../../../shared/domain/fleetEvent';
import type { ProbeResult } from '../../../shared/domain/probe';
import type { ServerStatus } from '../../../shared/domain/serverState';
import { LatencyBaseline, WARMUP } from '../../../electron/core/probes/LatencyBaseline';
import { LATENCY_SETS, ProbeJudge } from '../../../electron/core/probes/ProbeJudge';
import { SoaDrift, serialBehind } from '../../../electron/core/probes/SoaDrift';

const result = (probe: string, over: Partial<ProbeResult> = {}): ProbeResult => ({
  probe,
  kind: probe === 'blocked' ? 'blocked' : 'public',
  name: probe,
  qtype: 'A',
  at: '2026-12-06T22:00:00.000Z',
  outcome: 'answered',
  rcode: 'NOERROR',
  latencyMs: 5,
  transport: 'udp',
  serial: null,
  healthy: true,
  detail: '',
  ...over,
});
const timeout = (probe: string) => result(probe, { outcome: 'timeout', rcode: null, latencyMs: null, healthy: false, detail: 'probe failed: timeout after 2000 ms' });
const status = (state: ServerStatus['state'], blindSince: string | null = null): ServerStatus => ({
  serverId: 'hq1', name: 'HQ1', state, since: '2026-12-06T22:00:00.000Z', lastDataAt: null, stack: 'legacy', reconnect: null, forwarders: [], bindRunning: true, blindSince,
});

function judged(open: string[] = []) {
  let now = Date.parse('2026-12-06T22:00:00.000Z');
  const events: FleetEvent[] = [];
  const judge = new ProbeJudge({ now: () => now, emit: (e) => events.push(...e), openKeys: () => new Set(open), serverName: () => 'HQ1', apiGraceMs: 30_000 });
  const set = (results: ProbeResult[]) => judge.onProbeSet({ serverId: 'hq1', at: now, results });
  return { judge, events, set, tick: (ms: number) => (now += ms), types: () => events.map((e) => e.type) };
}

describe('ProbeJudge', () => {
  it('DNS silent while the API is live raises once, and an answer clears it', () => {
    const j = judged();
    j.judge.onServerStatus(status('live'));
    j.set([timeout('public'), timeout('blocked')]);
    j.set([timeout('public'), timeout('blocked')]);
    j.set([result('public'), timeout('blocked')]);
    expect(j.types()).toEqual(['probe_dns_silent', 'probe_dns_answering']);
    expect(j.events[0]).toMatchObject({ severity: 'critical', derived: true, data: { key: 'probe:dns' } });
    // How it asked is part of the evidence (the BIND-down alert quotes it: "DNS probe: no answer over UDP/TCP (...)").
    expect(j.events[0]!.summary).toBe('no answer over UDP (public: probe failed: timeout after 2000 ms; blocked: probe failed: timeout after 2000 ms)');
  });

  it('the API down past its grace while DNS answers is said as such; connecting is not down', () => {
    const j = judged();
    j.set([result('public')]);
    j.judge.onServerStatus(status('connecting', '2026-12-06T22:00:00.000Z'));
    expect(j.types()).toEqual([]);
    j.tick(31_000);
    j.judge.onServerStatus(status('reconnecting', '2026-12-06T22:00:00.000Z'));
    expect(j.events.map((e) => e.title)).toEqual(['API of HQ1 is down while its DNS answers']);
    j.judge.onServerStatus(status('live'));
    expect(j.types()).toEqual(['probe_api_down_dns_up', 'probe_api_down_dns_up_over']);
  });

  it('an API that answers but needs a person (login failed, locked, 2FA, untrusted certificate, replaced) is not "down"', () => {
    for (const state of ['auth-failed', 'account-locked', 'needs-2fa', 'tls-untrusted', 'replaced'] as const) {
      const j = judged();
      j.set([result('public')]);
      j.judge.onServerStatus(status(state, '2026-12-06T22:00:00.000Z'));
      j.tick(31_000);
      j.judge.onServerStatus(status(state, '2026-12-06T22:00:00.000Z'));
      j.set([result('public')]);
      expect(j.types(), state).toEqual([]);
      // Nor is DNS silence judged "while its API is live": we are not signed in; the connection alert speaks.
      j.set([timeout('public')]);
      expect(j.types(), state).toEqual([]);
    }
  });

  it('an "API down" alert clears with the words it deserves when the API answers but needs a login', () => {
    const j = judged();
    j.set([result('public')]);
    j.tick(31_000);
    j.judge.onServerStatus(status('reconnecting', '2026-12-06T22:00:00.000Z'));
    j.judge.onServerStatus(status('auth-failed', '2026-12-06T22:00:00.000Z'));
    expect(j.types()).toEqual(['probe_api_down_dns_up', 'probe_api_down_dns_up_over']);
    expect(j.events[1]!.summary).toBe('the API answers again');
  });

  it('latency alerts only after LATENCY_SETS sets above the learnt band, and clears when back in it', () => {
    const j = judged();
    j.judge.onServerStatus(status('live'));
    for (let i = 0; i < WARMUP; i++) j.set([result('public', { latencyMs: 5 + (i % 3) })]);
    for (let i = 0; i < LATENCY_SETS - 1; i++) j.set([result('public', { latencyMs: 400 })]);
    expect(j.types()).toEqual([]);
    j.set([result('public', { latencyMs: 400 })]);
    expect(j.types()).toEqual(['probe_latency_high']);
    expect(j.events[0]!.summary).toMatch(/^400 ms \(baseline \d+ ms, band up to \d+ ms\)$/);
    j.set([result('public', { latencyMs: 6 })]);
    expect(j.types()).toEqual(['probe_latency_high', 'probe_latency_normal']);
  });

  it('a blocked name that resolves raises; on the first look after a restart an open alert is cleared by a healthy answer', () => {
    const j = judged();
    j.set([result('blocked', { healthy: false, detail: 'resolves to 198.51.100.9: not blocked in 3 ms' })]);
    expect(j.events[0]).toMatchObject({ type: 'probe_blocked_resolves', severity: 'error', data: { key: 'probe:blocked' } });
    const restarted = judged(['probe:blocked']);
    restarted.set([result('blocked', { rcode: 'NXDOMAIN' })]);
    expect(restarted.types()).toEqual(['probe_blocked_blocked']);
    const fresh = judged();
    fresh.set([result('blocked', { rcode: 'NXDOMAIN' })]);
    expect(fresh.types()).toEqual([]);
  });
});

describe('LatencyBaseline', () => {
  it('does not learn from out-of-band samples, so a lasting slowdown stays out of band', () => {
    const b = new LatencyBaseline();
    for (let i = 0; i < WARMUP; i++) b.observe(10);
    const edge = b.upperEdge();
    for (let i = 0; i < 50; i++) expect(b.observe(200)).toBe(true);
    expect(b.upperEdge()).toBe(edge);
  });
});

describe('SoaDrift', () => {
  it('compares serials in RFC 1982 arithmetic', () => {
    expect(serialBehind(1, 2)).toBe(true);
    expect(serialBehind(2, 1)).toBe(false);
    expect(serialBehind(4294967295, 3)).toBe(true); // wrapped: 3 is newer
    expect(serialBehind(5, 5)).toBe(false);
  });

  it('raises after the grace period for each lagging server with one incident key, and clears each as it catches up', () => {
    let now = 0;
    const events: FleetEvent[] = [];
    const drift = new SoaDrift({ now: () => now, emit: (e) => events.push(...e), graceMs: () => 60_000, staleAfterMs: () => 120_000, serverName: (id) => id.toUpperCase(), openKeys: () => new Set() });
    const see = (id: string, serial: number) => drift.observe(id, new Map([['corp.local', serial]]));
    see('p', 10);
    see('s1', 9);
    see('s2', 9);
    drift.evaluate();
    now = 59_000;
    for (const id of ['p', 's1', 's2']) see(id, id === 'p' ? 10 : 9);
    drift.evaluate();
    expect(events).toEqual([]);
    now = 61_000;
    for (const id of ['p', 's1', 's2']) see(id, id === 'p' ? 10 : 9);
    drift.evaluate();
    expect(events.map((e) => `${e.serverId} ${e.type}`)).toEqual(['s1 probe_soa_drift', 's2 probe_soa_drift']);
    expect(events[1]).toMatchObject({ data: { key: 'soa-drift:corp.local', incident: 'soa-drift:corp.local' }, summary: 'Lagging: S1 (9), S2 (9); highest 10 on P.' });
    see('s1', 10);
    drift.evaluate();
    expect(events.slice(2).map((e) => `${e.serverId} ${e.type}`)).toEqual(['s1 probe_soa_in_sync', 's2 probe_soa_drift']);
    expect(events[3]!.summary).toBe('Lagging: S2 (9); highest 10 on P.');
  });

  it('asks the alert engine for open alerts once per server and zone, not at every evaluation', () => {
    let asked = 0;
    const drift = new SoaDrift({ now: () => 0, emit: () => {}, graceMs: () => 0, staleAfterMs: () => 1000, serverName: (id) => id, openKeys: () => (asked++, new Set()) });
    for (let i = 0; i < 50; i++) {
      drift.observe('a', new Map([['corp.local', 1]]));
      drift.observe('b', new Map([['corp.local', 1]]));
      drift.evaluate();
    }
    expect(asked).toBe(2);
  });
});
