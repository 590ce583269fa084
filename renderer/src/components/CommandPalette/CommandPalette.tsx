import { Spotlight } from '@mantine/spotlight';
import { notifications } from '@mantine/notifications';
import { useMemo, useState } from 'react';
import { describeError, type FleetClient } from '../../api/FleetClient';
import { useFleet } from '../../hooks/useFleet';
import { useNow } from '../../hooks/useNow';
import type { Route } from '../../hooks/useRoute';
import { matchPalette, paletteEntries, type PaletteEntry, type PaletteIntent } from '../../lib/commandPalette';
import { DEFAULT_FILTERS, eventViewQuery } from '../../lib/eventView';
import { fleetViewQuery, lastFleetQuery, parseFleetView } from '../../lib/fleetView';
import { useClient } from '../../store/StoreContext';
import { Icon, type IconName } from '../Icon/Icon';

const ICONS: Record<PaletteEntry['group'], IconName> = { Search: 'list', Servers: 'server', Alerts: 'bell', Maintenance: 'tool', 'Go to': 'grid' };
const storage = () => (typeof localStorage === 'undefined' ? null : localStorage);

/**
 * The command palette (Ctrl+K or Cmd+K, also while typing in a field): jump to a server, acknowledge,
 * snooze or put a server in maintenance (the inbox's and the tiles' own contract calls), search the
 * events. Mantine Spotlight gives the dialog, the list and arrow/Enter keys; the entries are data.
 */
export function CommandPalette({ go }: { go(r: Route): void }) {
  const fleet = useFleet();
  const client = useClient();
  const [query, setQuery] = useState('');
  const now = useNow();
  const entries = useMemo(
    () => paletteEntries({ servers: fleet.servers, verdicts: fleet.verdicts, alerts: fleet.alerts, maintenance: new Map(fleet.maintenance.map((m) => [m.serverId, m.untilMs])), now }),
    [fleet.servers, fleet.verdicts, fleet.alerts, fleet.maintenance, now],
  );
  const shown = useMemo(() => matchPalette(entries, query), [entries, query]);

  return (
    <Spotlight.Root query={query} onQueryChange={setQuery} onSpotlightClose={() => setQuery('')} shortcut={['ctrl + K', 'meta + K']} tagsToIgnore={[]} scrollable maxHeight={420} title="Command palette" styles={{ header: { paddingInline: 16, paddingBlock: 8, minHeight: 0 }, actionDescription: { color: 'inherit', opacity: 1 } }}>
      <Spotlight.Search placeholder="Jump to a server, acknowledge, snooze, maintenance, search events…" aria-label="Command" leftSection={<Icon name="list" />} data-testid="palette-search" />
      <Spotlight.ActionsList data-testid="palette-list">
        {shown.length === 0 ? <Spotlight.Empty>Nothing matches</Spotlight.Empty> : null}
        {shown.map((e) => (
          <Spotlight.Action key={e.id} label={e.label} description={e.description} leftSection={<Icon name={ICONS[e.group]} />} onClick={() => runIntent(e.intent, client, go)} data-testid="palette-action" data-action-id={e.id} />
        ))}
      </Spotlight.ActionsList>
    </Spotlight.Root>
  );
}

type Result = { ok: true } | { ok: false; error: { code: string; message: string } };
const report = (what: string) => (r: Result) => {
  if (!r.ok) notifications.show({ color: 'red', title: `Could not ${what}`, message: describeError(r) });
};
const untilFromNow = (minutes: number | null) => (minutes === null ? null : Date.now() + minutes * 60_000);

/** Carries out a chosen entry (on Enter or click, never while rendering). */
function runIntent(intent: PaletteIntent, client: FleetClient, go: (r: Route) => void): void {
  switch (intent.kind) {
    case 'open-server':
      return go({ page: 'server', id: intent.serverId });
    case 'acknowledge':
      return void client.invoke('alerts:acknowledge', { ids: intent.alertIds, note: '' }).then(report('acknowledge'));
    case 'snooze':
      return void client.invoke('alerts:snooze', { ids: intent.alertIds, minutes: intent.minutes }).then(report('snooze'));
    case 'maintenance':
      return void client.invoke('alerts:setMaintenance', { serverId: intent.serverId, untilMs: untilFromNow(intent.minutes) }).then(report(intent.minutes === null ? 'end maintenance' : 'start maintenance'));
    case 'search-events':
      return go({ page: 'events', query: eventViewQuery({ filters: { ...DEFAULT_FILTERS, search: intent.query } }) });
    case 'page':
      return go({ page: intent.page } as Route);
    case 'wall':
      return go({ page: 'fleet', query: fleetViewQuery({ ...parseFleetView(lastFleetQuery(storage())), wall: true }) });
  }
}
