import { describe, expect, it } from 'vitest';
import { Watchdog } from '../../../electron/core/fleet/Watchdog';
import { ManualClock } from '../../integration/connectivity/helpers';

describe('Watchdog', () => {
  it('fires once after a full window of silence, not while fed', () => {
    const clock = new ManualClock(0);
    const fired: number[] = [];
    const w = new Watchdog(clock, 75_000, (silent) => fired.push(silent));
    w.start();
    for (let i = 0; i < 10; i++) {
      clock.advance(30_000);
      w.feed();
    }
    expect(fired).toEqual([]);
    clock.advance(74_999);
    expect(fired).toEqual([]);
    clock.advance(1);
    expect(fired).toEqual([75_000]);
    clock.advance(500_000);
    expect(fired).toHaveLength(1);
  });

  it('stop() cancels its timer', () => {
    const clock = new ManualClock(0);
    const w = new Watchdog(clock, 1000, () => {
      throw new Error('must not fire');
    });
    w.start();
    w.stop();
    expect(clock.pending()).toEqual([]);
  });
});
