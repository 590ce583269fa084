import { describe, expect, it } from 'vitest';
import { DEFAULT_BACKOFF } from '../../../electron/core/fleet/backoff';
import { worstRetry } from '../../soak/bound';
import type { FaultRecord } from '../../soak/faults';
import type { RaisedAlert } from '../../soak/ledger';
import type { StateChange } from '../../soak/monitor';
import { FAST_SCALE } from '../../soak/options';
import { faultOutcomes } from '../../soak/outcomes';
import { slopeMbPerMin } from '../../soak/report';

// How the soak harness judges what it saw: these verdicts decide `npm run soak`'s exit code.
const T0 = 1_000_000;
const fault = (over: Partial<FaultRecord>): FaultRecord => ({ n: 1, kind: 'restart', server: 's1', stack: 'legacy', injectedAt: T0, endsAt: T0 + 3000, detail: '', ...over });
const at = (server: string, state: string, ms: number): StateChange => ({ server, state, at: T0 + ms });
const judge = (f: FaultRecord, history: StateChange[], alerts: RaisedAlert[] = [], runEndMs = 600_000) =>
  faultOutcomes([f], history, alerts, FAST_SCALE, T0 + runEndMs)[0]!;

describe('soak fault verdicts', () => {
  it('a restart seen as reconnecting and live again within the bound is ok, with the time measured from the end of the fault', () => {
    const o = judge(fault({}), [at('s1', 'reconnecting', 100), at('s1', 'live', 18_000)]);
    expect(o.verdict).toBe('ok');
    expect(o.backAfterMs).toBe(15_000);
    expect(o.boundMs).toBeGreaterThan(15_000);
  });

  it('a server that stays live through a restart or a hang fails: green while the server could not answer', () => {
    expect(judge(fault({}), []).verdict).toBe('failed');
    expect(judge(fault({ kind: 'hang' }), [at('s2', 'stale', 100)]).why).toMatch(/stayed live/);
  });

  it('live again only after the bound fails; not live yet within the bound at the end of the run is pending', () => {
    const late = judge(fault({}), [at('s1', 'reconnecting', 100), at('s1', 'live', 500_000)]);
    expect(late.verdict).toBe('failed');
    expect(late.why).toMatch(/bound/);
    expect(judge(fault({}), [at('s1', 'reconnecting', 100)], [], 10_000).verdict).toBe('pending');
    expect(judge(fault({}), [at('s1', 'reconnecting', 100)], [], 590_000).verdict).toBe('failed');
  });

  it('garbage or an expired token need not leave live, but must come back if they do', () => {
    expect(judge(fault({ kind: 'garbage', endsAt: T0 }), []).verdict).toBe('ok');
    expect(judge(fault({ kind: 'token-expiry', endsAt: T0 }), [at('s1', 'authenticating', 10)], [], 400_000).verdict).toBe('failed');
  });

  it('a certificate change must end in tls-untrusted with an alert, and never in live', () => {
    const cert = fault({ kind: 'cert-change', endsAt: T0 });
    const alert: RaisedAlert = { server: 's1', key: 'tls-pin', severity: 'critical', title: 'Certificate changed', at: T0 + 2000 };
    expect(judge(cert, [at('s1', 'reconnecting', 50), at('s1', 'tls-untrusted', 2000)], [alert]).verdict).toBe('ok');
    expect(judge(cert, [at('s1', 'reconnecting', 50), at('s1', 'tls-untrusted', 2000)]).why).toMatch(/no alert/);
    expect(judge(cert, [at('s1', 'reconnecting', 50), at('s1', 'live', 2000)], [alert]).why).toMatch(/does not match/);
  });

  it('a later fault on the same server is not blamed on an earlier one (seen in a 60-minute run)', () => {
    const garbage = fault({ n: 1, kind: 'garbage', endsAt: T0 });
    const restart = fault({ n: 2, kind: 'restart', injectedAt: T0 + 600_000, endsAt: T0 + 605_000 });
    const history = [at('s1', 'reconnecting', 600_001), at('s1', 'live', 620_000)];
    const [first, second] = faultOutcomes([garbage, restart], history, [], FAST_SCALE, T0 + 900_000);
    expect(first).toMatchObject({ verdict: 'ok', leftLiveAt: null, backAfterMs: 0 });
    expect(second).toMatchObject({ verdict: 'ok', backAfterMs: 15_000 });
  });

  it('counts only connection alerts of the faulted server, not threats or other servers', () => {
    const alerts: RaisedAlert[] = [
      { server: 's1', key: 'connection', severity: 'error', title: 'No data', at: T0 + 9000 },
      { server: 's1', key: 'threat:x', severity: 'warning', title: 'Threat x', at: T0 + 9000 },
      { server: 's2', key: 'connection', severity: 'error', title: 'No data', at: T0 + 9000 },
    ];
    expect(judge(fault({ kind: 'hang', endsAt: T0 + 8000 }), [at('s1', 'stale', 5000), at('s1', 'live', 9000)], alerts).alerts).toBe(1);
  });
});

describe('soak retry bound (the client policy, worst case)', () => {
  it('no outage: the first retry waits at most the base delay', () => {
    expect(worstRetry(0, false).nextDelayMs).toBe(DEFAULT_BACKOFF.baseMs);
  });

  it('502s during a restart keep the 15 s floor; a long network outage reaches the 5 min cap', () => {
    expect(worstRetry(3000, true).nextDelayMs).toBe(DEFAULT_BACKOFF.banFloorMs);
    expect(worstRetry(120_000, false).nextDelayMs).toBe(DEFAULT_BACKOFF.capMs);
  });

  it('a fault soon after another starts from the attempts already made', () => {
    expect(worstRetry(2000, false, 5).nextDelayMs).toBeGreaterThan(worstRetry(2000, false, 0).nextDelayMs);
  });
});

describe('RSS slope', () => {
  it('is the least-squares slope in MB per minute', () => {
    expect(slopeMbPerMin([0, 1, 2, 3].map((m) => ({ atMs: m * 60_000, rssMb: 100 + 2 * m })))).toBeCloseTo(2, 6);
    expect(slopeMbPerMin([{ atMs: 0, rssMb: 100 }])).toBeNull();
  });
});
