import { Anchor, Badge, Group, Paper, Table, Text } from '@mantine/core';
import type { ForwarderMatrix as Matrix, MatrixCell } from '../../../../shared/domain/history';
import { useForwarderMatrix } from '../../hooks/useHistory';
import type { Route } from '../../hooks/useRoute';
import { FORWARDER_LOOK } from '../ForwarderTimeline/ForwarderTimeline';
import { Icon } from '../Icon/Icon';

function Cell({ cell }: { cell: MatrixCell | null }) {
  if (!cell) {
    return (
      <Text size="xs" c="dimmed">
        not used
      </Text>
    );
  }
  const look = FORWARDER_LOOK[cell.status];
  return (
    <Group gap={4} wrap="nowrap" title={cell.detail} data-testid="matrix-cell" data-status={cell.status}>
      <Badge size="sm" variant="light" color={look.mantine} leftSection={<Icon name={look.icon} size={12} />}>
        {look.word}
      </Badge>
      {cell.lastKnown ? (
        <Text size="xs" c="dimmed">
          (last: {cell.lastKnown})
        </Text>
      ) : null}
    </Group>
  );
}

function MatrixTable({ m, go }: { m: Matrix; go(r: Route): void }) {
  return (
    <Table.ScrollContainer minWidth={400}>
      <Table withColumnBorders striped data-testid="forwarder-matrix-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Server</Table.Th>
            {m.columns.map((c) => (
              <Table.Th key={c.key} data-testid="matrix-column" data-unhealthy={c.unhealthy}>
                <Text size="xs" fw={700}>
                  {c.name}
                </Text>
                <Text size="xs" fw={400} c={c.unhealthy > 0 ? 'var(--mantine-color-red-light-color)' : 'dimmed'}>
                  {c.summary}
                </Text>
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {m.rows.map((r) => (
            <Table.Tr key={r.serverId} data-testid="matrix-row" data-server-id={r.serverId}>
              <Table.Td>
                <Anchor size="xs" href={`#/server/${encodeURIComponent(r.serverId)}`} onClick={(e) => (e.preventDefault(), go({ page: 'server', id: r.serverId }))}>
                  {r.name}
                </Anchor>
                {r.blindReason ? (
                  <Text size="xs" c="dimmed">
                    {r.blindReason}
                  </Text>
                ) : null}
              </Table.Td>
              {r.cells.map((cell, i) => (
                <Table.Td key={m.columns[i]?.key ?? i} data-forwarder={m.columns[i]?.name} style={{ cursor: 'pointer' }} onClick={() => go({ page: 'server', id: r.serverId })}>
                  <Cell cell={cell} />
                </Table.Td>
              ))}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** Dashboard section: servers x upstream forwarders, so one upstream failing fleet-wide is one column. */
export function ForwarderMatrixSection({ go }: { go(r: Route): void }) {
  const { value: m, error } = useForwarderMatrix();
  return (
    <Paper withBorder p="xs" radius="sm" data-testid="forwarder-matrix">
      <Text size="sm" fw={600} mb={4}>
        Forwarders across the fleet
      </Text>
      {error ? (
        <Text size="xs" c="var(--mantine-color-red-light-color)">
          Could not load: {error}
        </Text>
      ) : null}
      {!m ? (
        <Text size="xs" c="dimmed">
          Loading…
        </Text>
      ) : m.columns.length === 0 ? (
        <Text size="xs" c="dimmed">
          No server has reported forwarders yet.
        </Text>
      ) : (
        <MatrixTable m={m} go={go} />
      )}
    </Paper>
  );
}
