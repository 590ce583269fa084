import { Group, SimpleGrid, Stack, Text } from '@mantine/core';
import type { HistoryRange, HistorySeriesName, MetricHistory } from '../../../../shared/domain/history';
import { useServerHistory } from '../../hooks/useHistory';
import { ForwarderTimelines } from '../ForwarderTimeline/ForwarderTimeline';
import { AnnotationList } from '../HistoryChart/AnnotationList';
import { HistoryChart } from '../HistoryChart/HistoryChart';
import { RangePicker } from './RangePicker';

const pointsOf = (h: MetricHistory | null, name: HistorySeriesName) => h?.series.find((s) => s.name === name)?.points;

const RESOLUTION_WORDS: Record<string, string> = { '1m': 'one-minute', '1h': 'one-hour' };

/**
 * The server page's Charts tab: qps, blocked share and load over a chosen range from the core's
 * rollups, annotated with what happened (reloads, changes, maintenance, gaps), and each
 * forwarder's health as a timeline.
 */
export function ServerCharts({ serverId, range, onRange }: { serverId: string; range: HistoryRange; onRange(r: HistoryRange): void }) {
  const { series, annotations, forwarders } = useServerHistory(serverId, range);
  const h = series.value;
  const notes = annotations.value?.annotations ?? [];
  const w = h?.window ?? null;
  const step = w ? `${RESOLUTION_WORDS[w.resolution] ?? w.resolution} rollups, one point per ${Math.round(w.stepMs / 60_000)} min` : '';
  return (
    <Stack gap="xs" data-testid="server-charts" data-range={range}>
      <Group justify="space-between">
        <RangePicker value={range} onChange={onRange} />
        <Text size="xs" c="dimmed">
          {step}
          {series.error ? ` · could not load: ${series.error}` : ''}
        </Text>
      </Group>
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="xs">
        <HistoryChart title="Queries per second" unit="" window={w} annotations={notes} testId="chart-qps" lines={[{ key: 'qps', label: 'QPS', color: 'var(--mantine-color-teal-8)', points: pointsOf(h, 'qps') }]} />
        <HistoryChart
          title="Blocked share of queries"
          unit="%"
          window={w}
          annotations={notes}
          testId="chart-blocked"
          lines={[{ key: 'blockedPercent', label: 'Blocked', color: 'var(--mantine-color-red-8)', points: pointsOf(h, 'blockedPercent') }]}
        />
        <HistoryChart
          title="CPU and memory"
          unit="%"
          max={100}
          window={w}
          annotations={notes}
          testId="chart-load"
          lines={[
            { key: 'cpu', label: 'CPU', color: 'var(--mantine-color-blue-7)', points: pointsOf(h, 'cpu') },
            { key: 'memory', label: 'Memory', color: 'var(--mantine-color-grape-7)', points: pointsOf(h, 'memory') },
          ]}
        />
        <AnnotationList annotations={notes} range={range} omitted={annotations.value?.omitted ?? 0} />
      </SimpleGrid>
      <ForwarderTimelines history={forwarders.value} />
    </Stack>
  );
}
