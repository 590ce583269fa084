import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StatusTracker, type StateChange } from '../../../electron/core/fleet/StatusTracker';
import { forgetSecret, registerSecret } from '../../../electron/core/util/redact';
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

describe('StatusTracker labels', () => {
  it("carries the config's group and tags on every published status (the fleet view groups by them)", () => {
    const seen: StateChange[] = [];
    const t = new StatusTracker('s', 'S', new ManualClock(0), 0, (c) => seen.push(c), { group: 'Europe', tags: ['edge', 'core'] });
    t.setState('live');
    expect(seen.at(-1)?.status).toMatchObject({ group: 'Europe', tags: ['edge', 'core'] });
    const bare = new StatusTracker('b', 'B', new ManualClock(0), 0, () => undefined);
    expect(bare.status.group).toBeUndefined();
    expect(bare.status.tags).toEqual([]);
  });
});

describe('StatusTracker masking', () => {
  const PASSWORD = 'Status-Canary-Pa55word';
  beforeAll(() => registerSecret(PASSWORD));
  afterAll(() => forgetSecret(PASSWORD));

  it('masks a registered password, in any case, in what a server wrote: a login error, a cause', () => {
    const seen: StateChange[] = [];
    const t = new StatusTracker('s', 'S', new ManualClock(0), 0, (c) => seen.push(structuredClone(c)));
    t.setState('auth-failed', { detail: `HTTP 401: no user with password ${PASSWORD.toLowerCase()}`, cause: `refused ${PASSWORD}` });
    expect(t.status.detail).toBe('HTTP 401: no user with password [REDACTED]');
    expect(t.status.blindCause).toBe('refused [REDACTED]');
    expect(JSON.stringify(seen).toLowerCase()).not.toContain(PASSWORD.toLowerCase());
  });
});
