import { Anchor, Button, Code, CopyButton, Drawer, Group, Stack, Table, Text } from '@mantine/core';
import type { FleetEvent } from '../../../../shared/domain/fleetEvent';
import { routeHref, type Route } from '../../hooks/useRoute';
import { absoluteTime } from '../../lib/format';
import { SeverityBadge } from '../SeverityBadge/SeverityBadge';

export interface EventDrawerProps {
  event: FleetEvent | null;
  /** The event was asked for but is not (or not yet) found. */
  missing: boolean;
  opened: boolean;
  serverName: string;
  /** The alert this event raised, when the inbox has it. */
  alertId: string | null;
  aroundHref: string;
  go(route: Route): void;
  onAround(): void;
  onClose(): void;
}

/**
 * Every field of one event and its raw payload, as text: the JSON is shown in a <pre> through
 * React (escaped), never as HTML. Links lead to its server, its alert and the 15 minutes around it.
 */
export function EventDrawer(p: EventDrawerProps) {
  const e = p.event;
  return (
    <Drawer opened={p.opened} onClose={p.onClose} position="right" size="lg" title="Event" closeButtonProps={{ 'aria-label': 'Close the event' }} data-testid="event-drawer">
      {e ? <EventDetail {...p} event={e} /> : <Text size="sm">{p.missing ? 'This event is not in the log any more (retention), or the link is wrong.' : 'Loading…'}</Text>}
    </Drawer>
  );
}

function EventDetail(p: EventDrawerProps & { event: FleetEvent }) {
  const e = p.event;
  const raw = JSON.stringify(e, null, 2);
  const link = (route: Route, label: string, testId: string) => (
    <Anchor
      href={routeHref(route)}
      size="sm"
      data-testid={testId}
      onClick={(ev) => {
        ev.preventDefault();
        p.go(route);
      }}
    >
      {label}
    </Anchor>
  );
  const rows: [string, React.ReactNode][] = [
    ['Title', e.title],
    ['Summary', e.summary || '—'],
    ['Server', link({ page: 'server', id: e.serverId }, `${p.serverName} (${e.serverId})`, 'drawer-server-link')],
    ['Severity', <SeverityBadge key="s" severity={e.severity} />],
    ['Category', e.category],
    ['Type', e.type],
    ['Occurred', absoluteTime(e.occurredAt)],
    ['Received', absoluteTime(e.receivedAt)],
    ['Origin', e.derived ? 'derived by this app from REST snapshots' : 'pushed by the server'],
    ['Event id', e.id],
    ['Dedup key', e.dedupKey],
  ];
  return (
    <Stack gap="sm" data-testid="event-detail" data-event-id={e.id}>
      <Table withRowBorders={false} verticalSpacing={2} fz="sm">
        <Table.Tbody>
          {rows.map(([k, v]) => (
            <Table.Tr key={k}>
              <Table.Th w={110} style={{ verticalAlign: 'top' }}>
                {k}
              </Table.Th>
              <Table.Td style={{ wordBreak: 'break-word' }}>{v}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Group gap="sm">
        {p.alertId ? link({ page: 'alerts', alertId: p.alertId }, 'Open its alert', 'drawer-alert-link') : null}
        <Anchor
          href={p.aroundHref}
          size="sm"
          data-testid="drawer-around-link"
          onClick={(ev) => {
            ev.preventDefault();
            p.onAround();
          }}
        >
          This server, 15 minutes around this event
        </Anchor>
      </Group>
      <Group justify="space-between">
        <Text size="sm" fw={600}>
          Raw event (JSON)
        </Text>
        <CopyButton value={raw}>
          {({ copied, copy }) => (
            <Button size="compact-sm" variant="light" onClick={copy} data-testid="copy-raw">
              {copied ? 'Copied' : 'Copy JSON'}
            </Button>
          )}
        </CopyButton>
      </Group>
      <Code block data-testid="event-raw" style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-all', maxHeight: '50vh', overflow: 'auto', fontSize: 12 }}>
        {raw}
      </Code>
    </Stack>
  );
}
