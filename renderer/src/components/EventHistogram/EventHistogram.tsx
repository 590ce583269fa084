import { Paper, Text } from '@mantine/core';
import { memo } from 'react';
import { Bar, BarChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { Histogram } from '../../../../shared/ipc/schemas';

// Formatters made once: recharts formats every candidate tick while laying out the axis, and a
// toLocale*String call with options builds a new formatter each time (most of a refresh under a storm).
const LABEL = new Intl.DateTimeFormat(undefined, { month: 'short', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false });
const TIME = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', hour12: false });
const TIME_S = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false });
const DATE = new Intl.DateTimeFormat(undefined, { month: 'short', day: '2-digit' });

const label = (t: number) => LABEL.format(new Date(t));

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

/** Memoised: the page re-renders for every live batch, the histogram only when its counts change. */
export const EventHistogram = memo(function EventHistogram({ histogram, total }: { histogram: Histogram | null; total: number | null }) {
  const buckets = histogram?.buckets ?? [];
  const span = buckets.length > 1 ? buckets.at(-1)!.t - buckets[0]!.t : 0;
  return (
    <Paper withBorder p={6} data-testid="event-histogram">
      <Text size="xs" c="dimmed" mb={2}>
        {total === null ? 'Counting…' : `${total.toLocaleString()} events`}
        {histogram ? ` · ${Math.max(1, Math.round(histogram.bucketMs / 60_000))} min buckets` : ''}
      </Text>
      <ResponsiveContainer width="100%" height={84}>
        <BarChart data={buckets} margin={{ top: 2, right: 8, bottom: 0, left: 0 }}>
          <XAxis dataKey="t" tickFormatter={(t: number) => tickLabel(t, histogram?.bucketMs ?? 60_000, span)} tick={{ fontSize: 12 }} stroke="var(--mantine-color-dimmed)" minTickGap={24} />
          <YAxis allowDecimals={false} domain={[0, 'auto']} tickCount={3} interval="preserveStartEnd" tickFormatter={compactCount} tick={{ fontSize: 12 }} stroke="var(--mantine-color-dimmed)" width={40} />
          <Tooltip labelFormatter={(t) => label(Number(t))} contentStyle={{ fontSize: 11, background: 'var(--mantine-color-body)', border: '1px solid var(--mantine-color-default-border)' }} cursor={{ fill: 'var(--mantine-color-default-hover)' }} />
          <Bar dataKey="count" name="events" fill="var(--mantine-color-blue-6)" isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </Paper>
  );
});
