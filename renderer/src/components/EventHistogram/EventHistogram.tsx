import { Paper, Text } from '@mantine/core';
import { useElementSize } from '@mantine/hooks';
import { memo } from 'react';
import type { Histogram } from '../../../../shared/ipc/schemas';
import { histogramLayout } from './histogramLayout';
import classes from './EventHistogram.module.css';

// Formatters made once: a toLocale*String call with options builds a new formatter each time.
const LABEL = new Intl.DateTimeFormat(undefined, { month: 'short', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false });
const TIME = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', hour12: false });
const TIME_S = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false });
const DATE = new Intl.DateTimeFormat(undefined, { month: 'short', day: '2-digit' });

/**
 * An axis label as precise as the buckets and no longer than needed: seconds for sub-minute
 * buckets (minute labels repeated), the date only when the range spans days.
 */
export function tickLabel(t: number, bucketMs: number, spanMs: number): string {
  const d = new Date(t);
  const time = (bucketMs < 60_000 ? TIME_S : TIME).format(d);
  if (spanMs < 86_400_000) return time;
  return `${DATE.format(d)} ${time}`;
}

/** 1234 -> "1.2k": the y axis has room for four characters. */
export const compactCount = (n: number): string => (n >= 10_000 ? `${Math.round(n / 1000)}k` : n >= 1000 ? `${(n / 1000).toFixed(1)}k` : String(n));

const HEIGHT = 84;

/** "5 s", "1 min", "2 h": a 1-second bucket used to be called "1 min". */
export function bucketSize(ms: number): string {
  if (ms < 60_000) return `${Math.max(1, Math.round(ms / 1000))} s`;
  if (ms < 3_600_000) return `${Math.round(ms / 60_000)} min`;
  return `${Math.round(ms / 3_600_000)} h`;
}

/**
 * Events per bucket as plain SVG. It was a recharts BarChart, and under a storm each 3-second
 * refresh of it was one main-thread task of 20-75 ms (recharts measures every candidate tick label
 * in the DOM and re-renders through its own store); this chart lays itself out in arithmetic
 * (histogramLayout) and renders 60 rects and a handful of labels in well under a millisecond.
 * Memoised: the page re-renders for every live batch, the histogram only when its counts change.
 */
export const EventHistogram = memo(function EventHistogram({ histogram, total }: { histogram: Histogram | null; total: number | null }) {
  // One ResizeObserver (Mantine's), no per-render measuring.
  const { ref, width: measured } = useElementSize();
  const width = Math.floor(measured);
  const buckets = histogram?.buckets ?? [];
  const bucketMs = histogram?.bucketMs ?? 60_000;
  const span = buckets.length > 1 ? buckets.at(-1)!.t - buckets[0]!.t : 0;
  const layout = histogramLayout(buckets, width, HEIGHT, (t) => tickLabel(t, bucketMs, span), compactCount);
  const peak = buckets.reduce((m, b) => Math.max(m, b.count), 0);
  return (
    <Paper withBorder p={6} data-testid="event-histogram">
      <Text size="xs" c="dimmed" mb={2}>
        {total === null ? 'Counting…' : `${total.toLocaleString()} events`}
        {histogram ? ` · ${bucketSize(bucketMs)} buckets` : ''}
      </Text>
      <div ref={ref} className={classes.frame}>
        {width > 0 ? (
          <svg className={classes.chart} width={width} height={HEIGHT} role="img" aria-label={`Events over time, ${buckets.length} buckets, peak ${peak.toLocaleString()} in one bucket`}>
            {layout.yTicks.map((t) => (
              <g key={`y${t.y}`}>
                <line className={classes.grid} x1={layout.plot.left} x2={layout.plot.right} y1={t.y} y2={t.y} />
                <text className={classes.tick} data-axis="y" x={layout.plot.left - 4} y={t.y} textAnchor="end" dominantBaseline="middle">
                  {t.label}
                </text>
              </g>
            ))}
            {layout.bars.map((b) => (
              <rect key={b.t} className={classes.bar} x={b.x} y={b.y} width={b.width} height={b.height}>
                <title>{`${LABEL.format(new Date(b.t))}: ${b.count.toLocaleString()} events`}</title>
              </rect>
            ))}
            {layout.xTicks.map((t) => (
              <text key={`x${t.x}`} className={classes.tick} data-axis="x" x={t.x} y={HEIGHT - 2} textAnchor={t.anchor}>
                {t.label}
              </text>
            ))}
          </svg>
        ) : null}
      </div>
    </Paper>
  );
});
