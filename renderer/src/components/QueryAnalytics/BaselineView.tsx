import { Badge, Group, Paper, Progress, Table, Text } from '@mantine/core';
import type { QpsBaselineView } from '../../../../shared/domain/analytics';
import { BASELINE_COLOR, BASELINE_LABEL, formatQps } from '../../lib/analyticsView';

export function BaselineBadge({ view }: { view: QpsBaselineView }) {
  return (
    <Badge size="sm" variant="light" color={BASELINE_COLOR[view.state]} data-testid="baseline-state" data-state={view.state}>
      {BASELINE_LABEL[view.state]}
    </Badge>
  );
}

/** One server's rate against its usual band for this hour of the week. */
export function ServerBaseline({ view }: { view: QpsBaselineView | null }) {
  if (!view) {
    return (
      <Text size="sm" c="dimmed" data-testid="baseline-none">
        No query rate seen from this server yet: the baseline starts with its first query counts.
      </Text>
    );
  }
  return (
    <Paper withBorder p="xs" data-testid="server-baseline">
      <Group gap="xs" mb={4}>
        <Text size="sm" fw={600}>
          Query rate vs. usual
        </Text>
        <BaselineBadge view={view} />
      </Group>
      <Group gap="lg">
        <Text size="sm">
          Now <b data-testid="baseline-current">{formatQps(view.currentQps)}</b> qps
        </Text>
        <Text size="sm">
          Usual <b>{formatQps(view.expectedQps)}</b> qps
        </Text>
        <Text size="sm" data-testid="baseline-band">
          Band {view.bandLowQps === null ? '—' : `${formatQps(view.bandLowQps)}–${formatQps(view.bandHighQps)}`} qps
        </Text>
      </Group>
      {view.learnedHours < view.warmupHours ? (
        <Progress
          mt={6}
          size="sm"
          value={(view.learnedHours / view.warmupHours) * 100}
          aria-label={`Learning: ${view.learnedHours} of ${view.warmupHours} hours`}
        />
      ) : null}
      <Text size="sm" c="dimmed" mt={4} data-testid="baseline-detail">
        {view.detail}
      </Text>
      <Text size="sm" c="dimmed">
        The rate is measured from the server&apos;s running count of today&apos;s queries over the last few minutes; the usual rate is learned per hour of
        the week.
      </Text>
    </Paper>
  );
}

/** Every server's baseline state, fleet-wide. */
export function FleetBaselines({ views, nameOf }: { views: readonly QpsBaselineView[]; nameOf: (id: string) => string }) {
  if (views.length === 0)
    return (
      <Text size="sm" c="dimmed">
        No server has reported a query rate yet.
      </Text>
    );
  return (
    <Table striped data-testid="fleet-baselines">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Server</Table.Th>
          <Table.Th>Query rate</Table.Th>
          <Table.Th style={{ textAlign: 'right' }}>Now (qps)</Table.Th>
          <Table.Th style={{ textAlign: 'right' }}>Usual band (qps)</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {views.map((v) => (
          <Table.Tr key={v.serverId} data-testid="fleet-baseline-row">
            <Table.Td>{nameOf(v.serverId)}</Table.Td>
            <Table.Td>
              <BaselineBadge view={v} />
            </Table.Td>
            <Table.Td style={{ textAlign: 'right', fontVariantNumeric: 'tabular-nums' }}>{formatQps(v.currentQps)}</Table.Td>
            <Table.Td style={{ textAlign: 'right', fontVariantNumeric: 'tabular-nums' }}>
              {v.bandLowQps === null
                ? v.state === 'learning'
                  ? `learning (${v.learnedHours}/${v.warmupHours} h)`
                  : '—'
                : `${formatQps(v.bandLowQps)}–${formatQps(v.bandHighQps)}`}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
