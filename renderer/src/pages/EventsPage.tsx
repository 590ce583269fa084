import { Alert, Anchor, Group, Stack } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useCallback, useMemo, useState } from 'react';
import type { EventCategory, Severity } from '../../../shared/domain/fleetEvent';
import type { EventFilter } from '../../../shared/ipc/schemas';
import { EventFilters, RANGES, type EventFilterState } from '../components/EventFilters/EventFilters';
import { EventHistogram } from '../components/EventHistogram/EventHistogram';
import { EventList } from '../components/EventList/EventList';
import { ExportButton } from '../components/ExportButton/ExportButton';
import { useEventStats } from '../hooks/useEventStats';
import { useEvents } from '../hooks/useEvents';
import { useExport } from '../hooks/useExport';
import { useFleet } from '../hooks/useFleet';

// Periodic telemetry (health_update, system_status, query_update) is stored at `debug`; the explorer
// opens on what changed, and one click on the severity filter shows the telemetry too.
const INITIAL: EventFilterState = {
  servers: [],
  categories: [],
  severities: ['info', 'warning', 'error', 'critical'],
  types: [],
  derived: 'all',
  range: 'all',
  search: '',
};

/** The UI's filter state as the contract's EventFilter; `since` is fixed when the range is chosen. */
function toFilter(s: EventFilterState, search: string, since: string | undefined): EventFilter {
  return {
    servers: s.servers.length ? s.servers : undefined,
    categories: s.categories.length ? (s.categories as EventCategory[]) : undefined,
    severities: s.severities.length ? (s.severities as Severity[]) : undefined,
    types: s.types.length ? s.types : undefined,
    derived: s.derived === 'all' ? undefined : s.derived === 'derived',
    since,
    search: search.trim() || undefined,
  };
}

export function EventsPage() {
  const fleet = useFleet();
  const [state, setState] = useState(INITIAL);
  const [since, setSince] = useState<string | undefined>(undefined);
  const [search] = useDebouncedValue(state.search, 300);
  const filter = useMemo(() => toFilter(state, search, since), [state, search, since]);
  const events = useEvents(filter);
  const { facets, histogram } = useEventStats(filter);
  const exporter = useExport();
  const names = useMemo(() => new Map(fleet.servers.map((s) => [s.serverId, s.name])), [fleet.servers]);
  const serverName = useCallback((id: string) => names.get(id) ?? id, [names]);

  const onChange = (next: EventFilterState) => {
    if (next.range !== state.range) {
      const ms = RANGES.find((r) => r.value === next.range)?.ms ?? 0;
      setSince(ms ? new Date(Date.now() - ms).toISOString() : undefined);
    }
    setState(next);
  };
  return (
    <Stack gap="xs">
      <Group justify="space-between" align="flex-end" wrap="nowrap">
        <EventFilters value={state} onChange={onChange} facets={facets} serverName={serverName} />
        <ExportButton state={exporter} onExport={(format) => exporter.start(filter, format)} />
      </Group>
      <EventHistogram histogram={histogram} total={facets?.total ?? null} />
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
        serverName={serverName}
      />
    </Stack>
  );
}
