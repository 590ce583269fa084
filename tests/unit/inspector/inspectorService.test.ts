import { afterEach, describe, expect, it } from 'vitest';
import type { InspectorSnapshot, TailFrame } from '../../../shared/domain/inspector';
import { ConnectionInspector } from '../../../electron/core/inspector/ConnectionInspector';
import { InspectorService, LEASE_MS } from '../../../electron/core/inspector/InspectorService';
import { nullLogger } from '../../../electron/core/util/logger';
import { forgetSecret, registerSecret } from '../../../electron/core/util/redact';
import { ManualClock } from '../../integration/connectivity/helpers';

const counters = { frames: 0, events: 0, control: 0, duplicates: 0, rejected: 0 };
const fail2ban = { used: 0, budget: 18, banAt: 20, windowMs: 300_000 };

function setup() {
  const clock = new ManualClock();
  const inspector = new ConnectionInspector(() => clock.now());
  const snapshot = (id: string) =>
    inspector.snapshot(id, { now: clock.now(), state: 'live', stack: 'unified', counters, requested: [], requestsSent: 0, lastRequestAt: null, tokenExpiresAt: null, nextRefreshAt: null, fail2ban });
  const pushed: InspectorSnapshot[] = [];
  const framesPushed: TailFrame[][] = [];
  const service = new InspectorService(
    { inspect: (id) => (id === 'dns-01' ? snapshot(id) : null), version: () => inspector.version, urgent: () => inspector.rejectedSeen, tail: (id) => (id === 'dns-01' ? inspector.tail : null), serverIds: () => ['dns-01'] },
    clock,
    { snapshot: (s) => pushed.push(s), frames: (_id, f) => framesPushed.push(f) },
    nullLogger,
  );
  const frame = (raw: string) => {
    inspector.beginFrame('/api/unified/ws', 'unified');
    inspector.message('system_status', { type: 'query_update' }, clock.now());
    inspector.endFrame(raw, clock.now());
  };
  return { clock, inspector, service, pushed, framesPushed, frame };
}

const PASSWORD = 'Hunter2-known-password';
const TOKEN = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJtb25pdG9yIiwiZXhwIjoxfQ.c2lnbmF0dXJlLXNlY3JldA';
afterEach(() => forgetSecret(PASSWORD));

describe('InspectorService', () => {
  it('computes and pushes nothing while nobody watches, and at most once a second while someone does', () => {
    const t = setup();
    t.frame('{}');
    t.clock.advance(5000);
    expect(t.pushed).toHaveLength(0);
    expect(t.clock.pending()).toEqual([]);
    const w = t.service.watch('dns-01', false)!;
    expect(w.snapshot.frames.total).toBe(1);
    t.frame('{}');
    t.clock.advance(1000);
    expect(t.pushed).toHaveLength(1);
    expect(t.pushed[0]!.frames.total).toBe(2);
    // Nothing changed: nothing pushed.
    t.clock.advance(1000);
    expect(t.pushed).toHaveLength(1);
    for (let i = 0; i < 50; i++) t.frame('{}');
    t.clock.advance(1000);
    expect(t.pushed).toHaveLength(2);
    t.service.unwatch(w.leaseId);
    t.frame('{}');
    t.clock.advance(3000);
    expect(t.pushed).toHaveLength(2);
    expect(t.clock.pending()).toEqual([]);
  });

  it('pushes a change after a quiet second within 50 ms (a rejected frame shows at once)', () => {
    const t = setup();
    t.service.watch('dns-01', false);
    t.clock.advance(2000);
    expect(t.pushed).toHaveLength(0);
    t.inspector.rejected('not JSON', 'garbage {{{', t.clock.now(), '/api/unified/ws');
    t.clock.advance(50);
    expect(t.pushed).toHaveLength(1);
    expect(t.pushed[0]!.rejected[0]!.reason).toBe('not JSON');
    // The next change waits for the rest of the second.
    t.inspector.rejected('not JSON', 'more garbage', t.clock.now(), '/api/unified/ws');
    t.clock.advance(800);
    expect(t.pushed).toHaveLength(1);
    t.clock.advance(200);
    expect(t.pushed).toHaveLength(2);
  });

  it('a rejected frame right after a routine push still shows within 50 ms; rejections alone push at most once a second', () => {
    const t = setup();
    t.service.watch('dns-01', false);
    t.clock.advance(2000);
    t.frame('{}'); // a routine frame: its push starts the once-a-second window
    t.clock.advance(50);
    expect(t.pushed).toHaveLength(1);
    t.inspector.rejected('not JSON', 'garbage {{{', t.clock.now(), '/api/unified/ws');
    t.clock.advance(50);
    expect(t.pushed, 'the rejection waited for the routine window').toHaveLength(2);
    expect(t.pushed[1]!.rejected[0]!.reason).toBe('not JSON');
    // A flood of garbage: one push for rejections per second, besides the routine one.
    for (let i = 0; i < 100; i++) {
      t.inspector.rejected('not JSON', `garbage ${i}`, t.clock.now(), '/api/unified/ws');
      t.clock.advance(10);
    }
    expect(t.pushed.length).toBeLessThanOrEqual(2 + 2);
  });

  it('lets a lease lapse unless renewed, so a closed window stops the work', () => {
    const t = setup();
    const w = t.service.watch('dns-01', true)!;
    t.clock.advance(LEASE_MS - 1000);
    expect(t.service.watch('dns-01', true, w.leaseId)!.leaseId).toBe(w.leaseId);
    t.clock.advance(LEASE_MS - 1000);
    expect(t.service.watched()).toEqual(['dns-01']);
    expect(t.inspector.tail.enabled).toBe(true);
    t.clock.advance(2000);
    expect(t.service.watched()).toEqual([]);
    expect(t.inspector.tail.enabled).toBe(false);
  });

  it('holds the raw tail only while a Frames view is open, keeps the last 500 and pushes only the new ones', () => {
    const t = setup();
    t.frame('before anyone looked');
    const w = t.service.watch('dns-01', true)!;
    expect(w.frames).toEqual([]);
    for (let i = 0; i < 510; i++) t.frame(`{"n": ${i}}`);
    t.clock.advance(1000);
    expect(t.framesPushed.flat()).toHaveLength(500);
    // A renewal carries no frames; a new view gets the 500 held, oldest first.
    expect(t.service.watch('dns-01', true, w.leaseId)!.frames).toBeNull();
    const held = t.service.watch('dns-01', true)!.frames!;
    expect(held).toHaveLength(500);
    expect(held[0]!.text).toBe('{"n": 10}');
    expect(held[499]!.text).toBe('{"n": 509}');
    expect(held[0]!.type).toBe('system_status/query_update');
    t.frame('{"n": "late"}');
    t.clock.advance(1000);
    expect(t.framesPushed.at(-1)!.map((f) => f.text)).toEqual(['{"n": "late"}']);
    t.service.unwatch(w.leaseId);
    expect(t.inspector.tail.held).toBe(500); // the second view is still open
    for (const id of t.service.leaseIds()) t.service.unwatch(id);
    expect(t.inspector.tail.held).toBe(0);
    t.frame('after');
    expect(t.inspector.tail.held).toBe(0);
  });

  it('masks a known password and a token in the tail and in rejected excerpts', () => {
    registerSecret(PASSWORD);
    const t = setup();
    t.service.watch('dns-01', true);
    const raw = JSON.stringify({ type: 'error', data: { message: `login as monitor/${PASSWORD} with ${TOKEN}`, url: `wss://h/api/unified/ws?token=${TOKEN}` } });
    t.frame(raw);
    t.inspector.rejected('not understood', raw, t.clock.now(), '/api/unified/ws');
    const frames = t.service.watch('dns-01', true)!.frames!;
    const snap = t.service.snapshot('dns-01')!;
    for (const text of [frames[0]!.text, snap.rejected[0]!.excerpt, JSON.stringify(snap)]) {
      expect(text).not.toContain(PASSWORD);
      expect(text).not.toContain(TOKEN);
    }
    expect(frames[0]!.text).toContain('[REDACTED]');
    expect(frames[0]!.length).toBe(raw.length);
  });

  it('answers null for a server it does not know', () => {
    expect(setup().service.watch('nope', false)).toBeNull();
  });
});
