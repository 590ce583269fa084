import { describe, expect, it } from 'vitest';
import { MetricsStore, type MetricAppend } from '../../../electron/core/metrics/MetricsStore';

describe('MetricsStore', () => {
  it('keeps series per server and metric, filtered by time', () => {
    const m = new MetricsStore({ capacity: 100, minSpacingMs: 1000 });
    for (let i = 0; i < 10; i++) m.append('a', 'cpu', i * 1000, i);
    m.append('b', 'cpu', 0, 99);
    const [cpu] = m.get('a', ['cpu'], 5000);
    expect(cpu!.points.map((p) => p.v)).toEqual([5, 6, 7, 8, 9]);
    expect(m.get('b', ['cpu', 'qps'])).toEqual([
      { name: 'cpu', points: [{ t: 0, v: 99 }] },
      { name: 'qps', points: [] },
    ]);
  });

  it('is bounded: the oldest points are overwritten', () => {
    const m = new MetricsStore({ capacity: 5, minSpacingMs: 0 });
    for (let i = 0; i < 12; i++) m.append('a', 'qps', i, i);
    expect(m.get('a', ['qps'])[0]!.points.map((p) => p.t)).toEqual([7, 8, 9, 10, 11]);
  });

  it('collapses a storm into one point per spacing, keeping the latest value', () => {
    const m = new MetricsStore({ capacity: 100, minSpacingMs: 1000 });
    const seen: MetricAppend[] = [];
    m.onDidAppend((a) => seen.push(a));
    for (let i = 0; i < 1000; i++) m.append('a', 'qps', 10_000 + i, i);
    expect(m.get('a', ['qps'])[0]!.points).toEqual([{ t: 10_000, v: 999 }]);
    expect(seen).toHaveLength(1);
  });

  it('downsamples to maxPoints by bucket averages', () => {
    const m = new MetricsStore({ capacity: 1000, minSpacingMs: 0 });
    for (let i = 0; i < 100; i++) m.append('a', 'memory', i, i);
    const pts = m.get('a', ['memory'], 0, 10)[0]!.points;
    expect(pts).toHaveLength(10);
    expect(pts[0]).toEqual({ t: 9, v: 4.5 });
    expect(pts[9]).toEqual({ t: 99, v: 94.5 });
  });

  it('ignores non-finite values', () => {
    const m = new MetricsStore();
    m.append('a', 'cpu', 1, Number.NaN);
    expect(m.get('a', ['cpu'])[0]!.points).toEqual([]);
  });
});
