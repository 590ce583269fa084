import { Badge, Table, Text } from '@mantine/core';
import type { ForwarderSnapshot, ForwarderStatus } from '../../../../shared/domain/serverState';
import { RelativeTime } from '../RelativeTime/RelativeTime';

const COLOR: Record<ForwarderStatus, string> = { healthy: 'green', degraded: 'yellow', unhealthy: 'red', unknown: 'gray', disabled: 'gray' };

export function ForwarderTable({ forwarders, live }: { forwarders: readonly ForwarderSnapshot[]; live: boolean }) {
  if (forwarders.length === 0) return <Text size="xs" c="dimmed">No forwarders reported.</Text>;
  return (
    <Table striped highlightOnHover data-testid="forwarder-table" style={{ opacity: live ? 1 : 0.6 }}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Forwarder</Table.Th>
          <Table.Th>Type</Table.Th>
          <Table.Th>Status</Table.Th>
          <Table.Th>Upstreams healthy</Table.Th>
          <Table.Th>Last checked</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {forwarders.map((f) => (
          <Table.Tr key={f.id} data-testid="forwarder-row" data-status={f.status}>
            <Table.Td>{f.name}</Table.Td>
            <Table.Td>{f.type}</Table.Td>
            <Table.Td>
              <Badge size="xs" variant={f.status === 'healthy' ? 'filled' : 'light'} color={COLOR[f.status]}>
                {f.status}
              </Badge>
            </Table.Td>
            <Table.Td style={{ fontVariantNumeric: 'tabular-nums' }}>
              {f.healthyServers}/{f.totalServers}
            </Table.Td>
            <Table.Td>
              <RelativeTime iso={f.lastChecked} />
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
