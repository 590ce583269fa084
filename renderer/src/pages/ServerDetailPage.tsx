import { Anchor, Button, Group, Paper, SimpleGrid, Stack, Tabs, Text, Title } from '@mantine/core';
import { memo, useMemo } from 'react';
import { ForwarderTable } from '../components/ForwarderTable/ForwarderTable';
import { MaintenanceBadge } from '../components/MaintenanceBadge/MaintenanceBadge';
import { MaintenanceMenu } from '../components/MaintenanceMenu/MaintenanceMenu';
import { MetricsChart } from '../components/MetricsChart/MetricsChart';
import { QueryAnalyticsPanel } from '../components/QueryAnalytics/QueryAnalyticsPanel';
import { QueryTail } from '../components/QueryTail/QueryTail';
import { RecentEvents } from '../components/RecentEvents/RecentEvents';
import { RelativeTime } from '../components/RelativeTime/RelativeTime';
import { StateBadge } from '../components/StateBadge/StateBadge';
import { VerdictBadge } from '../components/VerdictBadge/VerdictBadge';
import { useServer, useVerdict } from '../hooks/useFleet';
import { useMaintenance } from '../hooks/useMaintenance';
import { useMetrics } from '../hooks/useMetrics';
import type { Route } from '../hooks/useRoute';
import { useClient } from '../store/StoreContext';

const NAMES = ['cpu', 'memory', 'disk', 'qps'] as const;
const PERCENT: [number, number] = [0, 100];
// A chart re-renders only when its own series changed (qps moves every second, system metrics every minute).
const StableChart = memo(MetricsChart);

export function ServerDetailPage({ id, go }: { id: string; go(r: Route): void }) {
  const status = useServer(id);
  const verdict = useVerdict(id);
  const client = useClient();
  const series = useMetrics(id, NAMES, 600);
  const maintenance = useMaintenance(id);
  const system = useMemo(
    () => [
      { name: 'cpu' as const, label: 'CPU', color: 'var(--mantine-color-blue-5)', points: series.cpu },
      { name: 'memory' as const, label: 'Memory', color: 'var(--mantine-color-grape-5)', points: series.memory },
      { name: 'disk' as const, label: 'Disk', color: 'var(--mantine-color-orange-5)', points: series.disk },
    ],
    [series.cpu, series.memory, series.disk],
  );
  const qps = useMemo(() => [{ name: 'qps' as const, label: 'QPS', color: 'var(--mantine-color-teal-5)', points: series.qps }], [series.qps]);
  if (!status) {
    return (
      <Text size="sm">
        No server with id <b>{id}</b>. <Anchor onClick={() => go({ page: 'fleet' })}>Back to the fleet</Anchor>
      </Text>
    );
  }
  return (
    <Stack gap="sm" data-testid="server-detail" data-server-id={id}>
      <Group justify="space-between">
        <Group gap="sm">
          <Anchor size="xs" onClick={() => go({ page: 'fleet' })}>
            ← Fleet
          </Anchor>
          <Title order={3}>{status.name}</Title>
          {verdict ? <VerdictBadge level={verdict.level} acknowledged={verdict.acknowledged} size="md" /> : null}
          <StateBadge state={status.state} size="md" />
          <MaintenanceBadge untilMs={maintenance.untilMs} size="md" />
        </Group>
        <Group gap="xs">
          <MaintenanceMenu variant="button" serverName={status.name} untilMs={maintenance.untilMs} onSet={maintenance.set} />
          <Button variant="default" onClick={() => void client.invoke('servers:reconnect', { id })}>
            Reconnect now
          </Button>
        </Group>
      </Group>
      {verdict && verdict.reasons.length > 0 ? (
        <Stack gap={0} data-testid="verdict-reasons">
          {verdict.reasons.map((r, i) => (
            <Text key={i} size="sm" data-testid="verdict-reason">
              {r}
            </Text>
          ))}
        </Stack>
      ) : null}
      {/* keepMounted off: a hidden tab's live feed (the query tail under a storm) costs nothing. */}
      <Tabs defaultValue="overview" keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="overview">Overview</Tabs.Tab>
          <Tabs.Tab value="analytics">Analytics</Tabs.Tab>
          <Tabs.Tab value="queries" data-testid="tab-queries">
            Queries
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="overview" pt="xs">
          <Stack gap="sm">
            <Text size="xs" c="dimmed">
              {status.detail ? `${status.detail} · ` : ''}
              {status.stack ? `${status.stack} stack · ` : ''}last data <RelativeTime iso={status.lastDataAt} /> · BIND{' '}
              {status.bindRunning === null ? 'unknown' : status.bindRunning ? 'running' : 'stopped'}
            </Text>
            <Paper withBorder p="xs">
              <Text size="xs" fw={600} mb={4}>
                Forwarders
              </Text>
              <ForwarderTable forwarders={status.forwarders} live={status.state === 'live'} />
            </Paper>
            <SimpleGrid cols={{ base: 1, md: 2 }} spacing="xs">
              <StableChart title="CPU, memory, disk" unit="%" domain={PERCENT} series={system} />
              <StableChart title="Queries per second" series={qps} />
            </SimpleGrid>
            <RecentEvents serverId={id} serverName={status.name} go={go} />
          </Stack>
        </Tabs.Panel>
        <Tabs.Panel value="analytics" pt="sm">
          <QueryAnalyticsPanel serverId={id} nameOf={() => status.name} />
        </Tabs.Panel>
        <Tabs.Panel value="queries" pt="xs">
          <QueryTail serverId={id} stack={status.stack} />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
