import { Checkbox, Table, Text } from '@mantine/core';
import type { Alert } from '../../../../shared/domain/alert';
import type { AlertDelivery } from '../../../../shared/domain/delivery';
import { incidentServersText } from '../../../../shared/domain/incident';
import { useNow } from '../../hooks/useNow';
import { incidentTitle, type InboxRow } from '../../lib/alerts';
import { untilText } from '../../lib/format';
import { DeliveryLine } from '../DeliveryLine/DeliveryLine';
import { RelativeTime } from '../RelativeTime/RelativeTime';
import { SeverityBadge } from '../SeverityBadge/SeverityBadge';

export interface AlertTableProps {
  rows: readonly InboxRow[];
  selected: ReadonlySet<string>;
  cursor: number;
  /** The alert a deep link opened: its row is marked until the cursor moves off it. */
  linkedId?: string | null;
  onToggle(row: InboxRow): void;
  onToggleAll(): void;
  onFocus(index: number): void;
  serverName(id: string): string;
  /** Where each alert was forwarded (Alertmanager, webhooks), by alert id. */
  deliveries?: ReadonlyMap<string, AlertDelivery[]>;
}

const LINKED_STYLE = { cursor: 'default', outline: '2px solid var(--mantine-color-yellow-filled)', outlineOffset: -2 } as const;

/** The inbox table, one row per incident; the keyboard cursor row is highlighted and scrolled into view by the page. */
export function AlertTable({ rows, selected, cursor, linkedId = null, onToggle, onToggleAll, onFocus, serverName, deliveries }: AlertTableProps) {
  const isSelected = (r: InboxRow) => r.ids.every((id) => selected.has(id));
  const all = rows.length > 0 && rows.every(isSelected);
  return (
    <Table highlightOnHover data-testid="alert-table" stickyHeader>
      <Table.Thead>
        <Table.Tr>
          <Table.Th w={28}>
            <Checkbox size="xs" aria-label="Select all" checked={all} indeterminate={!all && selected.size > 0} onChange={onToggleAll} />
          </Table.Th>
          <Table.Th w={70}>Severity</Table.Th>
          <Table.Th w={180}>Server</Table.Th>
          <Table.Th>Alert</Table.Th>
          <Table.Th w={110}>Raised</Table.Th>
          <Table.Th w={50}>Count</Table.Th>
          <Table.Th w={240}>State</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {rows.map((r, i) => {
          const linked = linkedId !== null && r.ids.includes(linkedId);
          const a = r.incident.alerts[0]!;
          const title = incidentTitle(r.incident, serverName);
          return (
            <Table.Tr
              key={r.incident.key}
              data-testid="alert-row"
              data-alert-id={r.id}
              data-alert-ids={r.ids.join(' ')}
              data-focused={i === cursor ? 'true' : undefined}
              data-linked={linked ? 'true' : undefined}
              aria-current={linked ? 'true' : undefined}
              onClick={() => onFocus(i)}
              bg={linked ? 'var(--mantine-color-yellow-light)' : i === cursor ? 'var(--mantine-primary-color-light)' : undefined}
              style={linked ? LINKED_STYLE : { cursor: 'default' }}
            >
              <Table.Td>
                <Checkbox size="xs" aria-label={`Select ${title}`} checked={isSelected(r)} onChange={() => onToggle(r)} onClick={(e) => e.stopPropagation()} />
              </Table.Td>
              <Table.Td>
                <SeverityBadge severity={r.incident.severity} />
              </Table.Td>
              <Table.Td>
                <Text size="xs" lineClamp={2} data-testid="alert-servers">
                  {incidentServersText(r.incident, serverName)}
                </Text>
              </Table.Td>
              <Table.Td>
                <Text size="xs" fw={600} data-testid="alert-title">
                  {title}
                </Text>
                {a.detail ? (
                  <Text size="xs" c="dimmed" lineClamp={1}>
                    {a.detail}
                  </Text>
                ) : null}
              </Table.Td>
              <Table.Td>
                <RelativeTime iso={r.incident.raisedAt} />
              </Table.Td>
              <Table.Td style={{ fontVariantNumeric: 'tabular-nums' }}>{r.incident.alerts.reduce((n, x) => n + x.count, 0)}</Table.Td>
              <Table.Td>
                <AlertStateText alert={a} />
                <DeliveryLine deliveries={deliveries?.get(a.id)} />
              </Table.Td>
            </Table.Tr>
          );
        })}
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
