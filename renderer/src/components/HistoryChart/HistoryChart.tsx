import { Paper, Stack, Text } from '@mantine/core';
import { CartesianGrid, Legend, Line, LineChart, ReferenceArea, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { ChartAnnotation, HistoryPoint, HistoryWindow } from '../../../../shared/domain/history';
import { ANNOTATION_META, annotationsAt, formatTime, isSpan } from './annotationMeta';

export interface HistoryLine {
  key: string;
  label: string;
  color: string;
  points: readonly HistoryPoint[] | undefined;
}

type Row = Record<string, number | null>;

/** Joins lines on the window's grid; null stays null so recharts breaks the line at a gap. */
function rows(lines: readonly HistoryLine[]): Row[] {
  const byT = new Map<number, Row>();
  for (const l of lines) for (const p of l.points ?? []) byT.set(p.t, { ...(byT.get(p.t) ?? { t: p.t }), [l.key]: p.v });
  return [...byT.values()].sort((a, b) => (a.t ?? 0) - (b.t ?? 0));
}

const fmt = (v: unknown, unit: string) => (typeof v === 'number' ? `${v.toFixed(v < 10 ? 2 : 1)}${unit}` : 'no data');

interface TipProps {
  w: HistoryWindow;
  annotations: readonly ChartAnnotation[];
  unit: string;
  active?: boolean;
  label?: unknown;
  payload?: readonly { name?: unknown; value?: unknown; color?: string }[];
}

/** The step under the pointer: its values and, in words, what happened in it. */
function HistoryTip({ w, annotations, unit, active, label, payload }: TipProps) {
  if (!active || typeof label !== 'number') return null;
  const here = annotationsAt(annotations, label, w.stepMs, w.toMs);
  return (
    <Paper withBorder p={6} shadow="xs" style={{ fontSize: 12, maxWidth: 320 }} data-testid="chart-tooltip">
      <Text size="xs" fw={600}>
        {formatTime(label, w.range)}
      </Text>
      {(payload ?? []).map((p, i) => (
        <Text size="xs" key={i}>
          {String(p.name)}: {fmt(p.value, unit)}
        </Text>
      ))}
      {here.map((a, i) => (
        <Text size="xs" key={`a${i}`}>
          {ANNOTATION_META[a.kind].word}: {a.text}
        </Text>
      ))}
    </Paper>
  );
}

/** The plot itself: fixed to the window (an empty tail shows as empty), y from zero. */
function Plot({
  w,
  data,
  lines,
  annotations,
  unit,
  max,
}: {
  w: HistoryWindow;
  data: Row[];
  lines: readonly HistoryLine[];
  annotations: readonly ChartAnnotation[];
  unit: string;
  max?: number;
}) {
  return (
    <ResponsiveContainer width="100%" height={180}>
      <LineChart data={data} margin={{ top: 4, right: 8, bottom: 0, left: 0 }}>
        <CartesianGrid strokeDasharray="3 3" stroke="var(--mantine-color-default-border)" />
        <XAxis
          dataKey="t"
          type="number"
          scale="time"
          domain={[w.fromMs, w.toMs]}
          allowDataOverflow
          tickFormatter={(t: number) => formatTime(t, w.range)}
          tick={{ fontSize: 12 }}
          stroke="var(--mantine-color-dimmed)"
          minTickGap={24}
        />
        <YAxis
          domain={[0, max ?? 'auto']}
          allowDecimals
          interval="preserveStartEnd"
          tick={{ fontSize: 12 }}
          stroke="var(--mantine-color-dimmed)"
          unit={unit}
          width={56}
        />
        {annotations.filter(isSpan).map((a, i) => (
          <ReferenceArea
            key={`s${i}`}
            x1={Math.max(a.atMs, w.fromMs)}
            x2={Math.min(a.untilMs ?? w.toMs, w.toMs)}
            fill={ANNOTATION_META[a.kind].color}
            fillOpacity={0.15}
            ifOverflow="hidden"
          />
        ))}
        {annotations
          .filter((a) => !isSpan(a))
          .map((a, i) => (
            <ReferenceLine key={`m${i}`} x={a.atMs} stroke={ANNOTATION_META[a.kind].color} strokeDasharray="4 2" ifOverflow="hidden" />
          ))}
        <Tooltip content={<HistoryTip w={w} annotations={annotations} unit={unit} />} />
        <Legend wrapperStyle={{ fontSize: 12 }} />
        {lines.map((l) => (
          <Line
            key={l.key}
            type="linear"
            dataKey={l.key}
            name={l.label}
            stroke={l.color}
            dot={false}
            isAnimationActive={false}
            strokeWidth={1.5}
            connectNulls={false}
          />
        ))}
      </LineChart>
    </ResponsiveContainer>
  );
}

/**
 * A rate, share or load over a chosen range, with what happened drawn on it: moments as lines,
 * spans (not live, maintenance) shaded. The y-axis starts at zero; the tooltip says in words what
 * happened in the step under the pointer.
 */
export function HistoryChart(props: {
  title: string;
  unit: string;
  window: HistoryWindow | null;
  lines: readonly HistoryLine[];
  annotations: readonly ChartAnnotation[];
  max?: number;
  testId?: string;
}) {
  const { title, unit, window: w, lines, annotations, max } = props;
  const data = rows(lines);
  const hasData = data.some((r) => lines.some((l) => typeof r[l.key] === 'number'));
  return (
    <Paper withBorder p="xs" radius="sm" data-testid={props.testId ?? 'history-chart'}>
      <Stack gap={4}>
        <Text size="xs" fw={600}>
          {title}
        </Text>
        {!w ? (
          <Text size="xs" c="dimmed" h={180}>
            Loading…
          </Text>
        ) : (
          <>
            {hasData ? null : (
              <Text size="xs" c="dimmed">
                No data recorded in this range.
              </Text>
            )}
            <Plot w={w} data={data} lines={lines} annotations={annotations} unit={unit} max={max} />
          </>
        )}
      </Stack>
    </Paper>
  );
}
