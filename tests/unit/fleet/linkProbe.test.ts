import { describe, expect, it } from 'vitest';
import { LinkProbe } from '../../../electron/core/fleet/LinkProbe';
import { describeSilence, duration } from '../../../shared/domain/silence';
import { ManualClock } from '../../integration/connectivity/helpers';

describe('LinkProbe', () => {
  const setup = (answer: () => boolean) => {
    const clock = new ManualClock(0);
    const pings: number[] = [];
    const silent: number[] = [];
    let probe: LinkProbe | null = null;
    probe = new LinkProbe(
      clock,
      5000,
      10_000,
      () => {
        pings.push(clock.now());
        if (answer()) clock.setTimeout(() => probe!.heard(), 20); // the pong comes back 20 ms later
        return true;
      },
      (ms) => silent.push(clock.now() - ms),
    );
    return { clock, pings, silent, probe };
  };

  it('pings every 5 s while answered and never calls the link silent', () => {
    const { clock, pings, silent, probe } = setup(() => true);
    probe.start();
    clock.advance(60_000);
    expect(pings).toEqual([5000, 10_000, 15_000, 20_000, 25_000, 30_000, 35_000, 40_000, 45_000, 50_000, 55_000, 60_000]);
    expect(silent).toEqual([]);
  });

  it('a link that stops answering is reported within 15 s of its last answer, once', () => {
    let up = true;
    const { clock, silent, probe } = setup(() => up);
    probe.start();
    clock.advance(12_000); // pongs at 5.02 s and 10.02 s
    up = false;
    clock.advance(60_000);
    expect(silent).toHaveLength(1);
    // last heard at 10.02 s; ping at 15 s unanswered; silent at 25 s: 15 s after the last answer
    expect(clock.now()).toBeGreaterThan(25_000);
    expect(silent[0]).toBe(10_020);
  });

  it('any frame counts as an answer (a pong stuck behind a burst of data is no silence)', () => {
    const { clock, silent, probe } = setup(() => false);
    probe.start();
    for (let t = 0; t < 60; t++) {
      clock.advance(1000);
      probe.heard();
    }
    expect(silent).toEqual([]);
  });

  it('stopped, it neither pings nor reports', () => {
    const { clock, pings, silent, probe } = setup(() => false);
    probe.start();
    probe.stop();
    clock.advance(60_000);
    expect(pings).toEqual([]);
    expect(silent).toEqual([]);
  });
});

describe('describeSilence', () => {
  const at = Date.UTC(2026, 0, 1, 12);
  const iso = (ms: number) => new Date(ms).toISOString();
  it('says how long and what happens next, in words', () => {
    const waiting = { state: 'offline' as const, blindSince: iso(at), reconnect: { attempt: 3, nextAt: iso(at + 54_000) } };
    expect(describeSilence(waiting, at + 42_000)).toBe('silent for 42 s, reconnecting in 12 s');
    expect(describeSilence({ ...waiting, reconnect: null }, at + 125_000)).toBe('silent for 2 min 5 s, trying again now');
    expect(describeSilence({ state: 'auth-failed', blindSince: iso(at), reconnect: null }, at + 7_200_000)).toBe('silent for 2 h');
  });
  it('is null while live or disabled', () => {
    expect(describeSilence({ state: 'live', blindSince: null, reconnect: null }, at)).toBeNull();
    expect(describeSilence({ state: 'disabled', blindSince: null, reconnect: null }, at)).toBeNull();
  });
  it('formats durations with the two largest units', () => {
    expect([duration(0), duration(59_400), duration(60_000), duration(3_660_000)]).toEqual(['0 s', '59 s', '1 min', '1 h 1 min']);
  });
});
