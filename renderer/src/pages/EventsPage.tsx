import { Alert, Anchor, Group, Stack } from '@mantine/core';
import { memo, useCallback, useMemo, useState } from 'react';
import type { FleetEvent } from '../../../shared/domain/fleetEvent';
import { EventDrawer } from '../components/EventDrawer/EventDrawer';
import { EventFilters, type EventFilterState } from '../components/EventFilters/EventFilters';
import { EventHistogram } from '../components/EventHistogram/EventHistogram';
import { EventList } from '../components/EventList/EventList';
import { describeError } from '../api/FleetClient';
import { ExportButton } from '../components/ExportButton/ExportButton';
import { useEventStats } from '../hooks/useEventStats';
import { useEvents } from '../hooks/useEvents';
import { useExport } from '../hooks/useExport';
import { useFleet } from '../hooks/useFleet';
import { routeHref, type Route } from '../hooks/useRoute';
import { useSelectedEvent } from '../hooks/useSelectedEvent';
import { useUrlText } from '../hooks/useUrlText';
import { downloadExport } from '../lib/downloadExport';
import { useClient } from '../store/StoreContext';
import { aroundEvent, eventFilterOf, eventViewQuery, parseEventView, RANGES, type EventView } from '../lib/eventView';

// Memoised here: every live batch re-renders this page, and only the list should follow it.
const StableFilters = memo(EventFilters);
const StableDrawer = memo(EventDrawer);

/** A relative range ("last hour") is counted from when it was chosen or loaded, so paging stays stable. */
function useRangeBounds(view: EventView): { bounds: { since?: string; until?: string }; reanchor(): void } {
  const [anchor, setAnchor] = useState(() => Date.now());
  const reanchor = useCallback(() => setAnchor(Date.now()), []);
  if (view.filters.range === 'custom') return { bounds: { since: view.since, until: view.until }, reanchor };
  const ms = RANGES.find((r) => r.value === view.filters.range)?.ms ?? 0;
  return { bounds: { since: ms ? new Date(anchor - ms).toISOString() : undefined }, reanchor };
}

export function EventsPage({ query, go }: { query: string; go(r: Route): void }) {
  const fleet = useFleet();
  const view = useMemo(() => parseEventView(query), [query]);
  const show = useCallback((next: EventView) => go({ page: 'events', query: eventViewQuery(next) }), [go]);
  const [typed, setTyped] = useUrlText(view.filters.search, (search: string) => show({ ...view, filters: { ...view.filters, search } }), 300);
  const { bounds, reanchor } = useRangeBounds(view);
  const filter = useMemo(() => eventFilterOf(view.filters, view.filters.search, bounds.since, bounds.until), [view.filters, bounds.since, bounds.until]);
  const events = useEvents(filter);
  const { facets, histogram } = useEventStats(filter);
  const exporter = useExport();
  const client = useClient();
  const [downloadError, setDownloadError] = useState<string | null>(null);
  const selected = useSelectedEvent(view.eventId, view.eventAt, events.items);
  const names = useMemo(() => new Map(fleet.servers.map((s) => [s.serverId, s.name])), [fleet.servers]);
  const serverName = useCallback((id: string) => names.get(id) ?? id, [names]);
  const onSelect = useCallback((e: FleetEvent) => show({ ...view, eventId: e.id, eventAt: e.occurredAt }), [show, view]);
  const around = useMemo(() => (selected.event ? aroundEvent(selected.event.serverId, selected.event.occurredAt, selected.event.id) : null), [selected.event]);
  const filterValue = useMemo(() => ({ ...view.filters, search: typed }), [view.filters, typed]);
  const onAround = useCallback(() => around && show(around), [around, show]);
  const onClose = useCallback(() => show({ ...view, eventId: undefined, eventAt: undefined }), [show, view]);

  const onChange = useCallback(
    (next: EventFilterState) => {
      if (next.search !== typed) return setTyped(next.search);
      if (next.range !== view.filters.range) reanchor();
      show({ filters: { ...next, search: view.filters.search }, ...(next.range === 'custom' ? { since: view.since, until: view.until } : {}) });
    },
    [typed, setTyped, view, reanchor, show],
  );
  return (
    <Stack gap="xs">
      <Group justify="space-between" align="flex-end" wrap="nowrap">
        <StableFilters value={filterValue} onChange={onChange} facets={facets} serverName={serverName} />
        <ExportButton state={exporter} onExport={(format) => exporter.start(filter, format)} onDownload={client.kind === 'web' ? (path) => void downloadExport(path).catch((err: Error) => setDownloadError(err.message)) : null}
          onReveal={client.kind === 'ipc' ? (path) => void client.invoke('events:revealExport', { path }).then((r) => setDownloadError(r.ok ? null : describeError(r))) : null}
        />
      </Group>
      <EventHistogram histogram={histogram} total={facets?.total ?? null} />
      {downloadError ? (
        <Alert color="red" variant="light" p="xs" withCloseButton onClose={() => setDownloadError(null)}>
          {downloadError}
        </Alert>
      ) : null}
      {events.error ? (
        <Alert color="red" variant="light" p="xs">
          {events.error}
        </Alert>
      ) : null}
      {events.maybeNew > 0 ? (
        <Alert color="blue" variant="light" p={6} data-testid="maybe-new">
          {events.maybeNew} new events arrived that may match this search.{' '}
          <Anchor size="xs" onClick={events.reload}>
            Refresh
          </Anchor>
        </Alert>
      ) : null}
      <EventList
        items={events.items}
        hasMore={events.hasMore}
        loading={events.loading}
        loadMore={events.loadMore}
        onFollowingChange={events.setFollowing}
        pending={events.pending}
        paused={events.paused}
        onPausedChange={events.setPaused}
        serverName={serverName}
        selectedId={view.eventId}
        onSelect={onSelect}
      />
      <StableDrawer
        opened={view.eventId !== undefined}
        event={selected.event}
        missing={selected.missing}
        serverName={selected.event ? serverName(selected.event.serverId) : ''}
        alertId={selected.event ? (fleet.alerts.find((a) => a.eventId === selected.event?.id)?.id ?? null) : null}
        aroundHref={around ? routeHref({ page: 'events', query: eventViewQuery(around) }) : '#/events'}
        go={go}
        onAround={onAround}
        onClose={onClose}
      />
    </Stack>
  );
}
