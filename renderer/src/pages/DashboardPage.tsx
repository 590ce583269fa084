import { Group, Stack, Title } from '@mantine/core';
import { FleetHistorySection } from '../components/FleetHistory/FleetHistory';
import { ForwarderMatrixSection } from '../components/ForwarderMatrix/ForwarderMatrix';
import { RangePicker } from '../components/ServerCharts/RangePicker';
import type { Route } from '../hooks/useRoute';
import { parseRange, rangeQuery } from '../lib/historyView';

/**
 * The fleet dashboard: a column of self-contained sections (each fetches its own data from the
 * core), so more can be added without touching the others. The range lives in the URL.
 */
export function DashboardPage({ query, go }: { query?: string; go(r: Route): void }) {
  const range = parseRange(query);
  return (
    <Stack gap="sm" data-testid="dashboard">
      <Group justify="space-between">
        <Title order={3}>Dashboard</Title>
        <RangePicker value={range} onChange={(r) => go({ page: 'dashboard', query: rangeQuery(r) })} />
      </Group>
      <FleetHistorySection range={range} />
      <ForwarderMatrixSection go={go} />
    </Stack>
  );
}
