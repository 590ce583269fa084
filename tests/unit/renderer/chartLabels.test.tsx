import { describe, expect, it } from 'vitest';
import { compactCount, tickLabel } from '../../../renderer/src/components/EventHistogram/EventHistogram';

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

  it('fit counts into four characters instead of clipping them', () => {
    expect([999, 1234, 56_789].map(compactCount)).toEqual(['999', '1.2k', '57k']);
  });
});
