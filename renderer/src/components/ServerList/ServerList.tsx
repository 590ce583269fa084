import { Badge, Button, Group, Switch, Table, Text } from '@mantine/core';
import type { ServerStatus } from '../../../../shared/domain/serverState';
import type { ServerEntry } from '../../../../shared/ipc/schemas';
import { StateBadge } from '../StateBadge/StateBadge';

export interface ServerListProps {
  entries: readonly ServerEntry[];
  statuses: ReadonlyMap<string, ServerStatus>;
  onEdit(e: ServerEntry): void;
  onRemove(e: ServerEntry): void;
  onSetEnabled(e: ServerEntry, enabled: boolean): void;
}

export function ServerList({ entries, statuses, onEdit, onRemove, onSetEnabled }: ServerListProps) {
  return (
    <Table highlightOnHover data-testid="server-list">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Name</Table.Th>
          <Table.Th>URL</Table.Th>
          <Table.Th>User</Table.Th>
          <Table.Th>Group / tags</Table.Th>
          <Table.Th>Credential</Table.Th>
          <Table.Th>State</Table.Th>
          <Table.Th>Enabled</Table.Th>
          <Table.Th />
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {entries.map((e) => {
          const status = statuses.get(e.id);
          return (
            <Table.Tr key={e.id} data-testid="server-entry" data-server-id={e.id}>
              <Table.Td>
                <Text size="xs" fw={600}>
                  {e.name}
                </Text>
                <Text size="xs" c="dimmed" ff="monospace">
                  {e.id}
                </Text>
              </Table.Td>
              <Table.Td>
                <Text size="xs" ff="monospace">
                  {e.url}
                </Text>
              </Table.Td>
              <Table.Td>{e.username}</Table.Td>
              <Table.Td>
                <Group gap={4}>
                  {e.group ? <Badge size="xs" variant="outline">{e.group}</Badge> : null}
                  {e.tags.map((t) => (
                    <Badge key={t} size="xs" variant="light" color="gray">
                      {t}
                    </Badge>
                  ))}
                </Group>
              </Table.Td>
              <Table.Td data-testid="has-credential" data-value={String(e.hasCredential)}>
                <Badge size="xs" color={e.hasCredential ? 'green' : 'yellow'} variant="light">
                  {e.hasCredential ? 'stored' : 'missing'}
                </Badge>
              </Table.Td>
              <Table.Td>{status ? <StateBadge state={status.state} size="xs" /> : <Text size="xs" c="dimmed">—</Text>}</Table.Td>
              <Table.Td>
                <Switch size="xs" checked={e.enabled} onChange={(ev) => onSetEnabled(e, ev.currentTarget.checked)} aria-label={`Enable ${e.name}`} />
              </Table.Td>
              <Table.Td>
                <Group gap={4} justify="flex-end" wrap="nowrap">
                  <Button size="compact-xs" variant="default" onClick={() => onEdit(e)}>
                    Edit
                  </Button>
                  <Button size="compact-xs" variant="subtle" color="red" onClick={() => onRemove(e)}>
                    Remove
                  </Button>
                </Group>
              </Table.Td>
            </Table.Tr>
          );
        })}
      </Table.Tbody>
    </Table>
  );
}
