import { Group, SegmentedControl, SimpleGrid, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import type { AnalyticsRange } from '../../../../shared/domain/analytics';
import { useAnalytics } from '../../hooks/useAnalytics';
import { formatRatio, RANGE_LABELS } from '../../lib/analyticsView';
import { FleetBaselines, ServerBaseline } from './BaselineView';
import { HitterTable } from './HitterTable';

/**
 * Query analytics of one server (serverId) or the fleet (null): the range's top domains and clients,
 * blocked and NXDOMAIN ratios, and the QPS baseline. Every number is the core's; this lays them out.
 */
export function QueryAnalyticsPanel({ serverId, nameOf }: { serverId: string | null; nameOf: (id: string) => string }) {
  const [range, setRange] = useState<AnalyticsRange>('1h');
  const { queries, baselines, error, loading } = useAnalytics(serverId, range);
  return (
    <Stack gap="sm" data-testid={serverId === null ? 'fleet-analytics' : 'server-analytics'}>
      <Group justify="space-between">
        <SegmentedControl
          size="xs"
          aria-label="Time range"
          value={range}
          onChange={(v) => setRange(v as AnalyticsRange)}
          data={RANGE_LABELS.map((r) => ({ value: r.value, label: r.label }))}
        />
        {queries ? (
          <Text size="sm" c="dimmed" data-testid="analytics-source">
            {queries.source}
          </Text>
        ) : null}
      </Group>
      {error ? (
        <Text size="sm" c="red">
          Analytics unavailable: {error}
        </Text>
      ) : null}
      {serverId === null ? <FleetBaselines views={baselines} nameOf={nameOf} /> : <ServerBaseline view={baselines[0] ?? null} />}
      {queries ? (
        <>
          <Group gap="lg" data-testid="analytics-summary">
            <Text size="sm">
              Samples <b data-testid="analytics-samples">{queries.samples}</b>
              {queries.approximate ? ' (top lists are estimates)' : ''}
            </Text>
            <Text size="sm">
              Blocked <b data-testid="analytics-blocked">{formatRatio(queries.blockedRatio)}</b>
            </Text>
            <Text size="sm">
              NXDOMAIN{' '}
              <b data-testid="analytics-nxdomain">{queries.nxdomainRatio === null ? 'unknown' : formatRatio(queries.nxdomainRatio)}</b>
            </Text>
          </Group>
          {queries.nxdomainRatio === null ? (
            <Text size="sm" c="dimmed">
              NXDOMAIN: {queries.nxdomainNote}
            </Text>
          ) : null}
          <SimpleGrid cols={{ base: 1, md: 2 }} spacing="sm">
            <HitterTable title="Top domains" keyLabel="Domain" rows={queries.topDomains} total={queries.samples} testId="top-domains" />
            <HitterTable title="Top clients" keyLabel="Client" rows={queries.topClients} total={queries.samples} testId="top-clients" />
          </SimpleGrid>
        </>
      ) : loading ? (
        <Text size="sm" c="dimmed">
          Loading…
        </Text>
      ) : null}
    </Stack>
  );
}
