import { Paper, Text } from '@mantine/core';
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { MetricName, MetricPoint } from '../../../../shared/domain/metrics';

export interface ChartSeries {
  name: MetricName;
  label: string;
  color: string;
  points: readonly MetricPoint[] | undefined;
}

/** Joins series on time so recharts can draw them together. */
function rows(series: readonly ChartSeries[]): Record<string, number>[] {
  const byT = new Map<number, Record<string, number>>();
  for (const s of series) for (const p of s.points ?? []) byT.set(p.t, { ...(byT.get(p.t) ?? { t: p.t }), [s.name]: p.v });
  return [...byT.values()].sort((a, b) => (a.t ?? 0) - (b.t ?? 0));
}

// Made once: recharts formats every candidate tick, and toLocaleTimeString with options builds a formatter per call.
const HHMM = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', hour12: false });
const hhmm = (t: number) => HHMM.format(new Date(t));

/** Rates, counts and percentages never go below zero: an axis from 19.25 to 20.25 makes ±1 qps look like a collapse. */
export function MetricsChart({ title, series, unit, domain }: { title: string; series: readonly ChartSeries[]; unit?: string; domain?: [number, number] }) {
  const data = rows(series);
  return (
    <Paper withBorder p="xs" radius="sm">
      <Text size="xs" fw={600} mb={4}>
        {title}
      </Text>
      {data.length < 2 ? (
        <Text size="xs" c="dimmed" h={160}>
          Waiting for data…
        </Text>
      ) : (
        <ResponsiveContainer width="100%" height={160}>
          <LineChart data={data} margin={{ top: 4, right: 8, bottom: 0, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" stroke="var(--mantine-color-default-border)" />
            <XAxis dataKey="t" type="number" domain={['dataMin', 'dataMax']} tickFormatter={hhmm} tick={{ fontSize: 12 }} stroke="var(--mantine-color-dimmed)" />
            <YAxis domain={domain ?? [0, 'auto']} interval="preserveStartEnd" tick={{ fontSize: 12 }} stroke="var(--mantine-color-dimmed)" unit={unit} />
            <Tooltip labelFormatter={(t) => new Date(Number(t)).toLocaleString()} contentStyle={{ fontSize: 11, background: 'var(--mantine-color-body)', border: '1px solid var(--mantine-color-default-border)' }} />
            <Legend wrapperStyle={{ fontSize: 12 }} />
            {series.map((s) => (
              <Line key={s.name} type="monotone" dataKey={s.name} name={s.label} stroke={s.color} dot={false} isAnimationActive={false} strokeWidth={1.5} />
            ))}
          </LineChart>
        </ResponsiveContainer>
      )}
    </Paper>
  );
}
