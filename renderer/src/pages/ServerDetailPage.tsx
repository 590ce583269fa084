import { Anchor, Button, Group, Paper, Stack, Tabs, Text, Title } from '@mantine/core';
import { ConnectionInspector } from '../components/ConnectionInspector/ConnectionInspector';
import { ForwarderTable } from '../components/ForwarderTable/ForwarderTable';
import { MaintenanceBadge } from '../components/MaintenanceBadge/MaintenanceBadge';
import { MaintenanceMenu } from '../components/MaintenanceMenu/MaintenanceMenu';
import { QueryAnalyticsPanel } from '../components/QueryAnalytics/QueryAnalyticsPanel';
import { ProbesPanel } from '../components/ProbeTable/ProbesPanel';
import { QueryTail } from '../components/QueryTail/QueryTail';
import { RecentEvents } from '../components/RecentEvents/RecentEvents';
import { RelativeTime } from '../components/RelativeTime/RelativeTime';
import { ServerCharts } from '../components/ServerCharts/ServerCharts';
import { StateBadge } from '../components/StateBadge/StateBadge';
import { VerdictBadge } from '../components/VerdictBadge/VerdictBadge';
import { useServer, useVerdict } from '../hooks/useFleet';
import { useMaintenance } from '../hooks/useMaintenance';
import type { Route } from '../hooks/useRoute';
import { parseServerView, serverViewQuery, type ServerView } from '../lib/historyView';
import { useClient } from '../store/StoreContext';

export function ServerDetailPage({ id, go, query }: { id: string; go(r: Route): void; query?: string }) {
  const status = useServer(id);
  const verdict = useVerdict(id);
  const client = useClient();
  const view = parseServerView(query);
  const setView = (next: Partial<ServerView>) => go({ page: 'server', id, query: serverViewQuery({ ...view, ...next }) });
  const maintenance = useMaintenance(id);
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
      <Tabs value={view.tab} onChange={(v) => setView({ tab: v ?? 'overview' })} keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="overview">Overview</Tabs.Tab>
          <Tabs.Tab value="charts" data-testid="tab-charts">
            Charts
          </Tabs.Tab>
          <Tabs.Tab value="analytics">Analytics</Tabs.Tab>
          <Tabs.Tab value="queries" data-testid="tab-queries">
            Queries
          </Tabs.Tab>
          <Tabs.Tab value="probes">Probes</Tabs.Tab>
          <Tabs.Tab value="inspector" data-testid="tab-inspector">
            Inspector
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
            <RecentEvents serverId={id} serverName={status.name} go={go} />
          </Stack>
        </Tabs.Panel>
        <Tabs.Panel value="analytics" pt="sm">
          <QueryAnalyticsPanel serverId={id} nameOf={() => status.name} />
        </Tabs.Panel>
        <Tabs.Panel value="queries" pt="xs">
          <QueryTail serverId={id} stack={status.stack} />
        </Tabs.Panel>
        <Tabs.Panel value="probes" pt="xs">
          <ProbesPanel serverId={id} />
        </Tabs.Panel>
        <Tabs.Panel value="inspector" pt="sm">
          <ConnectionInspector key={id} serverId={id} serverName={status.name} />
        </Tabs.Panel>
        <Tabs.Panel value="charts" pt="xs">
          <ServerCharts serverId={id} range={view.range} onRange={(range) => setView({ range })} />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
