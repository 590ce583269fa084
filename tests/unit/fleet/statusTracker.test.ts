import { describe, expect, it } from 'vitest';
import { StatusTracker, type StateChange } from '../../../electron/core/fleet/StatusTracker';
import { ManualClock } from '../../integration/connectivity/helpers';

describe('StatusTracker', () => {
  it('publishes only visible changes; lastDataAt alone is throttled', () => {
    const clock = new ManualClock(0);
    const seen: StateChange[] = [];
    const t = new StatusTracker('s', 'S', clock, 10_000, (c) => seen.push(structuredClone(c)));
    t.setState('connecting');
    t.setState('live');
    t.setState('live');
    t.patch({ stack: 'legacy' });
    t.patch({ stack: 'legacy' });
    expect(seen.map((s) => [s.status.state, s.previous, s.status.stack])).toEqual([
      ['connecting', null, null],
      ['live', 'connecting', null],
      ['live', 'live', 'legacy'],
    ]);
    for (let i = 0; i < 100; i++) t.dataArrived(20_000 + i * 100);
    expect(seen).toHaveLength(4);
    expect(t.status.lastDataAt).toBe(new Date(29_900).toISOString());
  });

  it('keeps `since` for a repeated state and carries reconnect info', () => {
    const clock = new ManualClock(1000);
    const t = new StatusTracker('s', 'S', clock, 0, () => undefined);
    t.setState('reconnecting', { reconnect: { attempt: 1, nextAt: 'x' } });
    const since = t.status.since;
    clock.advance(5000);
    t.setState('reconnecting', { reconnect: { attempt: 2, nextAt: 'y' } });
    expect(t.status).toMatchObject({ since, reconnect: { attempt: 2 } });
  });
});
