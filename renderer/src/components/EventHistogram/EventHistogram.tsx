import { Paper, Text } from '@mantine/core';
import { Bar, BarChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { Histogram } from '../../../../shared/ipc/schemas';

const label = (t: number) => new Date(t).toLocaleString(undefined, { month: 'short', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false });

export function EventHistogram({ histogram, total }: { histogram: Histogram | null; total: number | null }) {
  return (
    <Paper withBorder p={6} data-testid="event-histogram">
      <Text size="xs" c="dimmed" mb={2}>
        {total === null ? 'Counting…' : `${total.toLocaleString()} events`}
        {histogram ? ` · ${Math.max(1, Math.round(histogram.bucketMs / 60_000))} min buckets` : ''}
      </Text>
      <ResponsiveContainer width="100%" height={70}>
        <BarChart data={histogram?.buckets ?? []} margin={{ top: 2, right: 4, bottom: 0, left: -26 }}>
          <XAxis dataKey="t" tickFormatter={label} tick={{ fontSize: 9 }} stroke="var(--mantine-color-dimmed)" minTickGap={40} />
          <YAxis allowDecimals={false} tick={{ fontSize: 9 }} stroke="var(--mantine-color-dimmed)" width={50} />
          <Tooltip labelFormatter={(t) => label(Number(t))} contentStyle={{ fontSize: 11, background: 'var(--mantine-color-body)', border: '1px solid var(--mantine-color-default-border)' }} cursor={{ fill: 'var(--mantine-color-default-hover)' }} />
          <Bar dataKey="count" name="events" fill="var(--mantine-color-blue-6)" isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </Paper>
  );
}
