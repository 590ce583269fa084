import { Center, Loader, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { memo, useCallback, useEffect, useMemo, useState } from 'react';
import type { ServerStatus } from '../../../shared/domain/serverState';
import type { ServerVerdict } from '../../../shared/domain/verdict';
import { describeError } from '../api/FleetClient';
import { CompactTile } from '../components/CompactTile/CompactTile';
import { EmptyFleet } from '../components/EmptyFleet/EmptyFleet';
import { FleetStrip } from '../components/FleetStrip/FleetStrip';
import { FleetTable } from '../components/FleetTable/FleetTable';
import { FleetToolbar } from '../components/FleetToolbar/FleetToolbar';
import { FleetAnalytics } from '../components/QueryAnalytics/FleetAnalytics';
import { ServerTile } from '../components/ServerTile/ServerTile';
import { TotpDialog } from '../components/TotpDialog/TotpDialog';
import { TrustDialog } from '../components/TrustDialog/TrustDialog';
import { useFleet, useServer, useVerdict } from '../hooks/useFleet';
import { useFleetTotals } from '../hooks/useFleetTotals';
import { useMaintenance } from '../hooks/useMaintenance';
import { useMetrics } from '../hooks/useMetrics';
import type { Route } from '../hooks/useRoute';
import { fleetViewQuery, groupServers, lastFleetQuery, parseFleetView, rememberFleetView, visibleServers, type FleetView, type ServerGroup } from '../lib/fleetView';
import { useClient } from '../store/StoreContext';

type Dialog = { kind: 'totp' | 'trust'; server: ServerStatus } | null;
const TILE_METRICS = ['cpu', 'qps'] as const;
const storage = () => (typeof localStorage === 'undefined' ? null : localStorage);

export function FleetPage({ query, go }: { query: string; go(r: Route): void }) {
  const fleet = useFleet();
  const client = useClient();
  const totals = useFleetTotals();
  const [dialog, setDialog] = useState<Dialog>(null);
  const [demo, setDemo] = useState<{ busy: boolean; error: string | null }>({ busy: false, error: null });
  const view = useFleetView(query, go);

  const actions = useMemo<TileActions>(
    () => ({
      open: (id) => go({ page: 'server', id }),
      totp: (server) => setDialog({ kind: 'totp', server }),
      trust: (server) => setDialog({ kind: 'trust', server }),
      retry: (id) => void client.invoke('servers:reconnect', { id }),
      fixPassword: () => go({ page: 'servers' }),
    }),
    [client, go],
  );
  const shown = useMemo(() => visibleServers(fleet.servers, fleet.verdicts, view.value), [fleet.servers, fleet.verdicts, view.value]);
  const groups = useMemo(() => groupServers(shown, view.value.groupBy, fleet.verdicts, view.value.sort), [shown, view.value.groupBy, view.value.sort, fleet.verdicts]);

  if (!fleet.ready) return <Center mih="50vh">{fleet.error ? <Text c="red">{fleet.error}</Text> : <Loader />}</Center>;
  if (fleet.servers.length === 0) {
    const startDemo = async () => {
      setDemo({ busy: true, error: null });
      const r = await client.invoke('fleet:startDemo', {});
      setDemo({ busy: false, error: r.ok ? null : describeError(r) });
    };
    return <EmptyFleet onStartDemo={() => void startDemo()} onAddServer={() => go({ page: 'servers' })} demoBusy={demo.busy} error={demo.error} />;
  }
  return (
    <Stack gap="sm">
      <FleetStrip totals={totals.totals} error={totals.error} verdict={fleet.fleetVerdict} />
      <FleetToolbar view={view.value} onChange={view.set} shown={shown.length} total={fleet.servers.length} />
      {shown.length === 0 ? (
        <Text size="sm" data-testid="fleet-none-shown">
          {view.value.problemsOnly ? 'No problems: every shown server is OK, in maintenance or disabled.' : 'No server matches the filter.'}
        </Text>
      ) : view.value.density === 'table' ? (
        <FleetTable groups={groups} verdicts={fleet.verdicts} onOpen={actions.open} />
      ) : (
        groups.map((g) => <GroupSection key={g.key} group={g} compact={view.value.density === 'compact'} verdicts={fleet.verdicts} actions={actions} />)
      )}
      <FleetAnalytics />
      {dialog?.kind === 'totp' ? <TotpDialog opened serverId={dialog.server.serverId} serverName={dialog.server.name} onClose={() => setDialog(null)} /> : null}
      {dialog?.kind === 'trust' && dialog.server.tlsFingerprint ? (
        <TrustDialog opened serverId={dialog.server.serverId} serverName={dialog.server.name} fingerprint={dialog.server.tlsFingerprint} onClose={() => setDialog(null)} />
      ) : null}
    </Stack>
  );
}

/** The view from the URL; a bare #/fleet opens the last desk view, and every change is remembered. */
function useFleetView(query: string, go: (r: Route) => void): { value: FleetView; set(v: FleetView): void } {
  const value = useMemo(() => parseFleetView(query), [query]);
  useEffect(() => {
    const last = query ? '' : lastFleetQuery(storage());
    if (!last) return;
    // Replace, not push: Back should not land on the bare #/fleet that bounces here again.
    window.history.replaceState(null, '', `#/fleet?${last}`);
    window.dispatchEvent(new HashChangeEvent('hashchange'));
  }, [query]);
  const set = useCallback(
    (v: FleetView) => {
      rememberFleetView(storage(), v);
      go({ page: 'fleet', query: fleetViewQuery(v) });
    },
    [go],
  );
  return { value, set };
}

interface TileActions {
  open(id: string): void;
  totp(s: ServerStatus): void;
  trust(s: ServerStatus): void;
  retry(id: string): void;
  fixPassword(): void;
}

function GroupSection({ group, compact, verdicts, actions }: { group: ServerGroup; compact: boolean; verdicts: ReadonlyMap<string, ServerVerdict>; actions: TileActions }) {
  const cols = compact ? { base: 2, xs: 3, md: 4, lg: 6, xl: 8 } : { base: 1, xs: 2, md: 3, lg: 4, xl: 5 };
  return (
    <Stack gap={4} component="section" data-testid={group.label ? 'fleet-group' : undefined} aria-label={group.label || undefined}>
      {group.label ? (
        <Title order={2} size="h4" data-testid="fleet-group-title">
          {group.label} ({group.servers.length})
        </Title>
      ) : null}
      <SimpleGrid cols={cols} spacing="xs" verticalSpacing="xs">
        {group.servers.map((s) => (compact ? <CompactTile key={s.serverId} status={s} verdict={verdicts.get(s.serverId)} onOpen={actions.open} /> : <FleetTile key={s.serverId} id={s.serverId} actions={actions} />))}
      </SimpleGrid>
    </Stack>
  );
}

/** Container: subscribes to one server and its sparkline series, so a push re-renders one tile. */
const FleetTile = memo(function FleetTile({ id, actions }: { id: string; actions: TileActions }) {
  const status = useServer(id);
  const verdict = useVerdict(id);
  const series = useMetrics(id, TILE_METRICS, 60);
  const maintenance = useMaintenance(id);
  if (!status) return null;
  return (
    <ServerTile
      status={status}
      verdict={verdict}
      series={series}
      maintenanceUntil={maintenance.untilMs}
      onOpen={() => actions.open(id)}
      onSetMaintenance={maintenance.set}
      onEnterTotp={() => actions.totp(status)}
      onTrust={() => actions.trust(status)}
      onRetry={() => actions.retry(id)}
      onFixPassword={actions.fixPassword}
    />
  );
});
