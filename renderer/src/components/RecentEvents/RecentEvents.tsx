import { Paper, Text } from '@mantine/core';
import { useCallback, useMemo } from 'react';
import type { FleetEvent, Severity } from '../../../../shared/domain/fleetEvent';
import { useEvents } from '../../hooks/useEvents';
import type { Route } from '../../hooks/useRoute';
import { DEFAULT_FILTERS, DEFAULT_SEVERITIES, eventViewQuery } from '../../lib/eventView';
import { EventRow } from '../EventTable/EventRow';

const SHOWN = 50;

/**
 * A server's newest events, live. Its own component so a storm of arrivals re-renders these rows
 * only, not the page's charts; it keeps no more rows than it shows.
 */
export function RecentEvents({ serverId, serverName, go }: { serverId: string; serverName: string; go(r: Route): void }) {
  // What changed, not telemetry: query samples have the Queries tab, system samples the charts.
  const filter = useMemo(() => ({ servers: [serverId], severities: DEFAULT_SEVERITIES as Severity[] }), [serverId]);
  const events = useEvents(filter, { pageSize: SHOWN, cap: SHOWN });
  // A row opens the event drawer on the events page, filtered to this server as listed here.
  const openEvent = useCallback(
    (e: FleetEvent) =>
      go({
        page: 'events',
        query: eventViewQuery({ filters: { ...DEFAULT_FILTERS, servers: [serverId] }, eventId: e.id, eventAt: e.occurredAt }),
      }),
    [go, serverId],
  );
  return (
    <Paper withBorder>
      <Text size="xs" fw={600} p="xs">
        Recent events{' '}
        <Text span size="xs" c="dimmed" fw={400}>
          (info and above; query samples are in the Queries tab)
        </Text>
      </Text>
      {events.items.length === 0 ? (
        <Text size="xs" c="dimmed" p="xs">
          {events.loading ? 'Loading…' : 'No events recorded for this server yet.'}
        </Text>
      ) : (
        events.items.slice(0, SHOWN).map((e) => (
          <div key={e.id} style={{ height: 28 }}>
            <EventRow event={e} serverName={serverName} onSelect={openEvent} />
          </div>
        ))
      )}
    </Paper>
  );
}
