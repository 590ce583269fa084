import { Group, Paper, SimpleGrid, Stack, Text } from '@mantine/core';
import type { ChartAnnotation, FleetHistory as Totals, HistoryRange } from '../../../../shared/domain/history';
import { useFleetHistory } from '../../hooks/useHistory';
import { HistoryChart } from '../HistoryChart/HistoryChart';

/** Shades the steps where fewer servers reported than are watched: the sum there is too low. */
function missingSpans(t: Totals): ChartAnnotation[] {
  const out: ChartAnnotation[] = [];
  for (const p of t.points) {
    if (p.reporting >= t.servers) continue;
    const text = `only ${p.reporting} of ${t.servers} servers reported; the sum is missing the others`;
    const last = out.at(-1);
    if (last && last.untilMs === p.t && last.text === text) last.untilMs = p.t + t.window.stepMs;
    else out.push({ kind: 'gap', atMs: p.t, untilMs: p.t + t.window.stepMs, text });
  }
  return out;
}

/** Dashboard section: qps and blocked share summed across the fleet, honest about who reported. */
export function FleetHistorySection({ range }: { range: HistoryRange }) {
  const { value: t, error } = useFleetHistory(range);
  const spans = t ? missingSpans(t) : [];
  const qps = t?.points.map((p) => ({ t: p.t, v: p.qps }));
  const blocked = t?.points.map((p) => ({ t: p.t, v: p.blockedPercent }));
  return (
    <Paper withBorder p="xs" radius="sm" data-testid="fleet-history">
      <Stack gap="xs">
        <Group justify="space-between">
          <Text size="sm" fw={600}>
            Fleet traffic
          </Text>
          <Text size="xs" c="dimmed" data-testid="fleet-history-coverage">
            {error ? `could not load: ${error}` : t ? coverage(t) : 'Loading…'}
          </Text>
        </Group>
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="xs">
          <HistoryChart title="Queries per second, all servers" unit="" window={t?.window ?? null} annotations={spans} testId="chart-fleet-qps" lines={[{ key: 'qps', label: 'QPS (sum)', color: 'var(--mantine-color-teal-8)', points: qps }]} />
          <HistoryChart
            title="Blocked share, all servers"
            unit="%"
            window={t?.window ?? null}
            annotations={spans}
            testId="chart-fleet-blocked"
            lines={[{ key: 'blocked', label: 'Blocked (of all queries)', color: 'var(--mantine-color-red-8)', points: blocked }]}
          />
        </SimpleGrid>
      </Stack>
    </Paper>
  );
}

function coverage(t: Totals): string {
  if (t.servers === 0) return 'No servers are watched.';
  if (t.withGaps.length === 0) return `All ${t.servers} servers reported throughout.`;
  const names = t.withGaps.map((g) => `${g.name} (${g.missingPoints} of ${t.points.length} points missing)`).join(', ');
  return `${t.servers} servers watched; with gaps: ${names}. Shaded where the sum is missing a server.`;
}
