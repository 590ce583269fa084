import { Checkbox, Table, Text } from '@mantine/core';
import type { Alert } from '../../../../shared/domain/alert';
import { useNow } from '../../hooks/useNow';
import { untilText } from '../../lib/format';
import { RelativeTime } from '../RelativeTime/RelativeTime';
import { SeverityBadge } from '../SeverityBadge/SeverityBadge';

export interface AlertTableProps {
  alerts: readonly Alert[];
  selected: ReadonlySet<string>;
  cursor: number;
  /** The alert a deep link opened: marked until the cursor moves off it. */
  linkedId?: string | null;
  onToggle(id: string): void;
  onToggleAll(): void;
  onFocus(index: number): void;
  serverName(id: string): string;
}

const LINKED_STYLE = { cursor: 'default', outline: '2px solid var(--mantine-color-yellow-filled)', outlineOffset: -2 } as const;

/** The inbox table; the keyboard cursor row is highlighted and scrolled into view by the page. */
export function AlertTable({ alerts, selected, cursor, linkedId = null, onToggle, onToggleAll, onFocus, serverName }: AlertTableProps) {
  const all = alerts.length > 0 && alerts.every((a) => selected.has(a.id));
  return (
    <Table highlightOnHover data-testid="alert-table" stickyHeader>
      <Table.Thead>
        <Table.Tr>
          <Table.Th w={28}>
            <Checkbox size="xs" aria-label="Select all" checked={all} indeterminate={!all && selected.size > 0} onChange={onToggleAll} />
          </Table.Th>
          <Table.Th w={70}>Severity</Table.Th>
          <Table.Th w={160}>Server</Table.Th>
          <Table.Th>Alert</Table.Th>
          <Table.Th w={110}>Raised</Table.Th>
          <Table.Th w={50}>Count</Table.Th>
          <Table.Th w={240}>State</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {alerts.map((a, i) => (
          <Table.Tr
            key={a.id}
            data-testid="alert-row"
            data-alert-id={a.id}
            data-focused={i === cursor ? 'true' : undefined}
            data-linked={a.id === linkedId ? 'true' : undefined}
            aria-current={a.id === linkedId ? 'true' : undefined}
            onClick={() => onFocus(i)}
            bg={a.id === linkedId ? 'var(--mantine-color-yellow-light)' : i === cursor ? 'var(--mantine-primary-color-light)' : undefined}
            style={a.id === linkedId ? LINKED_STYLE : { cursor: 'default' }}
          >
            <Table.Td>
              <Checkbox size="xs" aria-label={`Select ${a.title}`} checked={selected.has(a.id)} onChange={() => onToggle(a.id)} onClick={(e) => e.stopPropagation()} />
            </Table.Td>
            <Table.Td>
              <SeverityBadge severity={a.severity} />
            </Table.Td>
            <Table.Td>
              <Text size="xs" truncate>
                {serverName(a.serverId)}
              </Text>
            </Table.Td>
            <Table.Td>
              <Text size="xs" fw={600} data-testid="alert-title">
                {a.title}
              </Text>
              {a.detail ? (
                <Text size="xs" c="dimmed" lineClamp={1}>
                  {a.detail}
                </Text>
              ) : null}
            </Table.Td>
            <Table.Td>
              <RelativeTime iso={a.raisedAt} />
            </Table.Td>
            <Table.Td style={{ fontVariantNumeric: 'tabular-nums' }}>{a.count}</Table.Td>
            <Table.Td>
              <AlertStateText alert={a} />
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

function AlertStateText({ alert: a }: { alert: Alert }) {
  const now = useNow();
  let text = 'Active';
  if (a.status === 'acknowledged' && a.ack) text = `Ack by ${a.ack.by}${a.ack.note ? `: ${a.ack.note}` : ''}`;
  if (a.status === 'snoozed' && a.snoozedUntil) text = `Snoozed, wakes in ${untilText(Date.parse(a.snoozedUntil) - now)}`;
  if (a.status === 'resolved') text = 'Resolved';
  return (
    <Text size="xs" c={a.status === 'active' ? 'red' : 'dimmed'} lineClamp={2}>
      {text}
    </Text>
  );
}
