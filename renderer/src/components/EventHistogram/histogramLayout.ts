/**
 * The events histogram laid out in arithmetic: bars, a y axis from zero to a round maximum, and as
 * many x labels as fit without overlapping or leaving the chart. No DOM measuring: a label's width is
 * estimated from its length at the 12 px axis font, on the generous side.
 */
export interface HistogramBar {
  t: number;
  count: number;
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface XTick {
  x: number;
  label: string;
  anchor: 'start' | 'middle' | 'end';
}

export interface HistogramLayout {
  plot: { left: number; right: number; top: number; bottom: number };
  bars: HistogramBar[];
  yTicks: { y: number; label: string }[];
  xTicks: XTick[];
}

const MARGIN = { left: 40, right: 8, top: 6, bottom: 18 };
/** Wider than any 12 px glyph in the labels we draw (digits, ':', month names). */
const CHAR_PX = 7.5;
const LABEL_GAP_PX = 24;

/** The smallest 1, 2 or 5 times a power of ten at or above n (at least 1): a y axis top that reads well. */
export function niceMax(n: number): number {
  if (n <= 1) return 1;
  const power = 10 ** Math.floor(Math.log10(n));
  for (const step of [1, 2, 5, 10]) if (step * power >= n) return step * power;
  return 10 * power;
}

export function histogramLayout(
  buckets: readonly { t: number; count: number }[],
  width: number,
  height: number,
  xLabel: (t: number) => string,
  yLabel: (n: number) => string,
): HistogramLayout {
  const plot = { left: MARGIN.left, right: Math.max(MARGIN.left + 1, width - MARGIN.right), top: MARGIN.top, bottom: height - MARGIN.bottom };
  const plotW = plot.right - plot.left;
  const plotH = plot.bottom - plot.top;
  const top = niceMax(buckets.reduce((m, b) => Math.max(m, b.count), 0));
  const slot = buckets.length ? plotW / buckets.length : plotW;
  const barW = Math.max(1, slot - Math.min(2, slot * 0.2));
  const bars = buckets.map((b, i) => {
    const h = (b.count / top) * plotH;
    return { t: b.t, count: b.count, x: plot.left + i * slot, y: plot.bottom - h, width: barW, height: h };
  });
  const yValues = top >= 2 && top % 2 === 0 ? [0, top / 2, top] : [0, top];
  const yTicks = yValues.map((v) => ({ y: plot.bottom - (v / top) * plotH, label: yLabel(v) }));
  return { plot, bars, yTicks, xTicks: xTicks(buckets, slot, plot, width, xLabel) };
}

/** Evenly spaced labels, one per `every` buckets, each kept inside the chart; duplicates dropped. */
function xTicks(buckets: readonly { t: number }[], slot: number, plot: { left: number; right: number }, width: number, xLabel: (t: number) => string): XTick[] {
  if (buckets.length === 0) return [];
  const widest = Math.max(...[0, Math.floor(buckets.length / 2), buckets.length - 1].map((i) => xLabel(buckets[i]!.t).length)) * CHAR_PX;
  const every = Math.max(1, Math.ceil((widest + LABEL_GAP_PX) / slot));
  const ticks: XTick[] = [];
  const seen = new Set<string>();
  let lastEnd = -Infinity;
  for (let i = 0; i < buckets.length; i += every) {
    const label = xLabel(buckets[i]!.t);
    if (seen.has(label)) continue;
    const w = label.length * CHAR_PX;
    const centre = plot.left + i * slot + slot / 2;
    // Near an edge the label is anchored to stay whole instead of being clipped.
    const anchor: XTick['anchor'] = centre - w / 2 < 0 ? 'start' : centre + w / 2 > width ? 'end' : 'middle';
    const x = anchor === 'start' ? Math.max(0, centre - slot / 2) : anchor === 'end' ? Math.min(width, centre + slot / 2) : centre;
    const from = anchor === 'start' ? x : anchor === 'end' ? x - w : x - w / 2;
    if (from < lastEnd + LABEL_GAP_PX / 2) continue;
    lastEnd = from + w;
    seen.add(label);
    ticks.push({ x, label, anchor });
  }
  return ticks;
}
