import { describe, expect, it } from 'vitest';
import { frameFixtureLine, TailFrameSchema } from '../../../shared/domain/inspector';
import { FrameRates, OTHER_TYPE } from '../../../electron/core/inspector/FrameRates';
import { PingStats } from '../../../electron/core/inspector/PingStats';

describe('FrameRates', () => {
  it('counts each type over the last minute and forgets what is older', () => {
    const r = new FrameRates();
    const t0 = 1_000_000_000_000;
    for (let i = 0; i < 30; i++) r.add('ping', t0 + i * 1000);
    r.add('health_update', t0 + 59_000);
    expect(r.lastMinute(t0 + 59_000)).toEqual([
      { type: 'ping', count: 30 },
      { type: 'health_update', count: 1 },
    ]);
    // 61 s later the pings have left the window; totals keep them.
    expect(r.lastMinute(t0 + 90_000)).toEqual([{ type: 'health_update', count: 1 }]);
    expect(r.lastMinute(t0 + 200_000)).toEqual([]);
    expect(r.totals()).toEqual([
      { type: 'ping', count: 30 },
      { type: 'health_update', count: 1 },
    ]);
  });

  it('caps the number of types a hostile server can create', () => {
    const r = new FrameRates();
    for (let i = 0; i < 10_000; i++) r.add(`type-${i}`, 1000);
    const rows = r.totals();
    expect(rows.length).toBeLessThanOrEqual(65);
    expect(rows.find((x) => x.type === OTHER_TYPE)!.count).toBe(10_000 - 64);
    expect(r.total).toBe(10_000);
  });
});

describe('PingStats', () => {
  it('gives p50 and p95 over the last hour only', () => {
    const p = new PingStats();
    const t0 = 1_000_000_000_000;
    p.record(t0, 500); // more than an hour before the read below
    for (let i = 1; i <= 100; i++) p.record(t0 + 3_600_000 + i, i);
    expect(p.percentiles(t0 + 3_600_000 + 101)).toEqual({ p50: 50, p95: 95, samples: 100 });
    expect(p.lastMs).toBe(100);
  });
});

describe('frameFixtureLine', () => {
  it('is one JSON line in the format of the protocol vectors', () => {
    const frame = TailFrameSchema.parse({ seq: 7, at: '2026-12-06T10:00:00.000Z', socket: '/api/unified/ws', stack: 'unified', type: 'ping', length: 20, text: '{"type": "ping"}\n', truncated: false });
    const line = frameFixtureLine(frame, 'DNS 01');
    expect(line.includes('\n')).toBe(false);
    expect(JSON.parse(line)).toEqual({ name: 'ping-7', stack: 'unified', about: 'captured from DNS 01 at 2026-12-06T10:00:00.000Z', frame: '{"type": "ping"}\n' });
  });
});
