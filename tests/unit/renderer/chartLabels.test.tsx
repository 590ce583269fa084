import { describe, expect, it } from 'vitest';
import { bucketSize, compactCount, tickLabel } from '../../../renderer/src/components/EventHistogram/EventHistogram';
import { histogramLayout, niceMax } from '../../../renderer/src/components/EventHistogram/histogramLayout';

describe('histogram axis labels', () => {
  it('are distinct for sub-minute buckets (minute labels repeated before)', () => {
    const start = Date.UTC(2026, 0, 1, 12, 0, 0);
    const labels = Array.from({ length: 12 }, (_, i) => tickLabel(start + i * 5000, 5000, 60_000));
    expect(new Set(labels).size).toBe(12);
  });

  it('carry the date only when the range spans days', () => {
    const t = Date.UTC(2026, 0, 1, 12, 0, 0);
    expect(tickLabel(t, 60_000, 3_600_000)).not.toMatch(/Jan/);
    expect(tickLabel(t, 3_600_000, 3 * 86_400_000)).toMatch(/Jan/);
  });

  it('name the bucket size in the unit it was chosen in (a 1 s bucket was called "1 min")', () => {
    expect([1000, 5000, 60_000, 1_860_000, 7_200_000].map(bucketSize)).toEqual(['1 s', '5 s', '1 min', '31 min', '2 h']);
  });

  it('fit counts into four characters instead of clipping them', () => {
    expect([999, 1234, 56_789].map(compactCount)).toEqual(['999', '1.2k', '57k']);
  });
});

describe('histogram layout (the events histogram is plain SVG laid out in arithmetic)', () => {
  const start = Date.UTC(2026, 0, 1, 0, 0, 0);
  const buckets = (n: number, bucketMs: number, count: (i: number) => number) => Array.from({ length: n }, (_, i) => ({ t: start + i * bucketMs, count: count(i) }));
  const extent = (t: { x: number; label: string; anchor: string }): [number, number] => {
    const w = t.label.length * 7.5;
    return t.anchor === 'start' ? [t.x, t.x + w] : t.anchor === 'end' ? [t.x - w, t.x] : [t.x - w / 2, t.x + w / 2];
  };

  it('starts the y axis at zero with a round top, and draws bars in proportion', () => {
    const l = histogramLayout(buckets(60, 60_000, (i) => (i === 10 ? 37 : 3)), 1000, 84, String, compactCount);
    expect(l.yTicks.map((t) => t.label)).toEqual(['0', '25', '50']);
    expect(l.yTicks[0]!.y).toBe(l.plot.bottom);
    const tall = l.bars[10]!;
    expect(tall.y + tall.height).toBeCloseTo(l.plot.bottom);
    expect(tall.height / l.bars[0]!.height).toBeCloseTo(37 / 3);
    expect(histogramLayout(buckets(5, 60_000, () => 0), 400, 84, String, compactCount).yTicks.map((t) => t.label)).toEqual(['0', '1']);
  });

  it('keeps x labels distinct, inside the chart and apart, at any width', () => {
    for (const width of [320, 640, 1180, 1860, 3700]) {
      const span = 59 * 1_860_000;
      const l = histogramLayout(buckets(60, 1_860_000, (i) => i), width, 84, (t) => tickLabel(t, 1_860_000, span), compactCount);
      expect(l.xTicks.length, `labels at ${width} px`).toBeGreaterThanOrEqual(2);
      expect(new Set(l.xTicks.map((t) => t.label)).size).toBe(l.xTicks.length);
      const boxes = l.xTicks.map(extent);
      for (const [from, to] of boxes) {
        expect(from).toBeGreaterThanOrEqual(0);
        expect(to).toBeLessThanOrEqual(width);
      }
      for (let i = 1; i < boxes.length; i++) expect(boxes[i]![0]).toBeGreaterThan(boxes[i - 1]![1]);
    }
  });

  it('rounds the top to 1, 2 or 5 times a power of ten', () => {
    expect([0, 1, 3, 7, 12, 180, 501].map(niceMax)).toEqual([1, 1, 5, 10, 20, 200, 1000]);
  });
});
