import { Center, Group, Loader, SimpleGrid, Stack, Text } from '@mantine/core';
import { memo, useMemo, useState } from 'react';
import type { ServerStatus } from '../../../shared/domain/serverState';
import { VERDICT_DISPLAY_ORDER, type FleetVerdict } from '../../../shared/domain/verdict';
import { describeError } from '../api/FleetClient';
import { EmptyFleet } from '../components/EmptyFleet/EmptyFleet';
import { ServerTile } from '../components/ServerTile/ServerTile';
import { TotpDialog } from '../components/TotpDialog/TotpDialog';
import { TrustDialog } from '../components/TrustDialog/TrustDialog';
import { VerdictBadge } from '../components/VerdictBadge/VerdictBadge';
import { useFleet, useServer, useVerdict } from '../hooks/useFleet';
import { useMaintenance } from '../hooks/useMaintenance';
import { useMetrics } from '../hooks/useMetrics';
import type { Route } from '../hooks/useRoute';
import { useClient } from '../store/StoreContext';

type Dialog = { kind: 'totp' | 'trust'; server: ServerStatus } | null;
const TILE_METRICS = ['cpu', 'qps'] as const;

export function FleetPage({ go }: { go(r: Route): void }) {
  const fleet = useFleet();
  const client = useClient();
  const [dialog, setDialog] = useState<Dialog>(null);
  const [demo, setDemo] = useState<{ busy: boolean; error: string | null }>({ busy: false, error: null });

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
      <VerdictCounts fleet={fleet.fleetVerdict} />
      <SimpleGrid cols={{ base: 1, xs: 2, md: 3, lg: 4, xl: 5 }} spacing="xs" verticalSpacing="xs">
        {fleet.servers.map((s) => (
          <FleetTile key={s.serverId} id={s.serverId} actions={actions} />
        ))}
      </SimpleGrid>
      {dialog?.kind === 'totp' ? <TotpDialog opened serverId={dialog.server.serverId} serverName={dialog.server.name} onClose={() => setDialog(null)} /> : null}
      {dialog?.kind === 'trust' && dialog.server.tlsFingerprint ? (
        <TrustDialog opened serverId={dialog.server.serverId} serverName={dialog.server.name} fingerprint={dialog.server.tlsFingerprint} onClose={() => setDialog(null)} />
      ) : null}
    </Stack>
  );
}

interface TileActions {
  open(id: string): void;
  totp(s: ServerStatus): void;
  trust(s: ServerStatus): void;
  retry(id: string): void;
  fixPassword(): void;
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

/** How many servers are at each verdict level, problems first: the core's counts, shown as they are. */
function VerdictCounts({ fleet }: { fleet: FleetVerdict | null }) {
  if (!fleet) return null;
  const shown = VERDICT_DISPLAY_ORDER.filter((l) => fleet.counts[l] > 0);
  return (
    <Group gap="xs" data-testid="verdict-counts">
      {shown.map((level) => (
        <Group key={level} gap={4} data-testid="verdict-count" data-level={level}>
          <VerdictBadge level={level} size="xs" />
          <Text size="xs" fw={600} style={{ fontVariantNumeric: 'tabular-nums' }} data-testid="verdict-count-value">
            {fleet.counts[level]}
          </Text>
        </Group>
      ))}
    </Group>
  );
}
