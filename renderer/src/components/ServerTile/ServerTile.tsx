import { Button, Card, Code, Group, Stack, Text, Tooltip, UnstyledButton } from '@mantine/core';
import { memo } from 'react';
import type { ServerStatus } from '../../../../shared/domain/serverState';
import type { ServerVerdict } from '../../../../shared/domain/verdict';
import type { SeriesMap } from '../../hooks/useMetrics';
import { forwarderCounts } from '../../lib/format';
import { VERDICT_META } from '../../lib/verdictMeta';
import { MaintenanceBadge } from '../MaintenanceBadge/MaintenanceBadge';
import { MaintenanceMenu } from '../MaintenanceMenu/MaintenanceMenu';
import { RelativeTime } from '../RelativeTime/RelativeTime';
import { Sparkline } from '../Sparkline/Sparkline';
import { StateBadge } from '../StateBadge/StateBadge';
import { VerdictBadge } from '../VerdictBadge/VerdictBadge';
import { StateLine } from './StateLine';
import { VerdictReasons } from './VerdictReasons';

export interface ServerTileProps {
  status: ServerStatus;
  /** The core's verdict on this server: it alone decides the tile's colour. */
  verdict: ServerVerdict | undefined;
  series: SeriesMap;
  /** End of the server's maintenance window (epoch ms), or null. */
  maintenanceUntil: number | null;
  onOpen(): void;
  onSetMaintenance(untilMs: number | null): void;
  onEnterTotp(): void;
  onTrust(): void;
  onRetry(): void;
  onFixPassword(): void;
}

const last = (s: SeriesMap, k: 'cpu' | 'qps') => s[k]?.at(-1)?.v;

/** One server at a glance. Presentational: data comes in, intents go out. */
export const ServerTile = memo(function ServerTile({ status: s, verdict, series, maintenanceUntil, onOpen, onSetMaintenance, onEnterTotp, onTrust, onRetry, onFixPassword }: ServerTileProps) {
  const color = verdict ? VERDICT_META[verdict.level].color : 'gray';
  const fw = forwarderCounts(s);
  const live = s.state === 'live';
  const cpu = last(series, 'cpu');
  const qps = last(series, 'qps');
  return (
    <Card data-testid="server-tile" data-server-id={s.serverId} data-state={s.state} data-verdict={verdict?.level ?? 'none'} withBorder padding="xs" radius="sm" style={{ borderLeft: `4px solid var(--mantine-color-${color}-filled)`, borderColor: `var(--mantine-color-${color}-filled)` }}>
      <Stack gap={6}>
        {/* The name is never cut: when it and the badges do not fit on one line, the badges move below it
            (a critical tile read "dns-zrh-…"); a name longer than the tile wraps. */}
        <Group justify="space-between" wrap="wrap" gap="xs" style={{ rowGap: 2 }}>
          <UnstyledButton onClick={onOpen} style={{ flex: '1 0 auto', maxWidth: '100%' }} aria-label={`Open ${s.name}`}>
            <Text fw={600} size="sm" style={{ overflowWrap: 'anywhere' }} data-testid="server-name">
              {s.name}
            </Text>
          </UnstyledButton>
          <Group gap={2} wrap="nowrap" ml="auto" style={{ flex: 'none' }}>
            {verdict ? <VerdictBadge level={verdict.level} acknowledged={verdict.acknowledged} /> : null}
            <StateBadge state={s.state} />
            <MaintenanceMenu variant="icon" serverName={s.name} untilMs={maintenanceUntil} onSet={onSetMaintenance} />
          </Group>
        </Group>
        <MaintenanceBadge untilMs={maintenanceUntil} />
        <VerdictReasons verdict={verdict} />
        <StateLine status={s} />
        <Group gap="xs" wrap="nowrap">
          <Tooltip label={live ? 'Healthy forwarders / forwarders' : 'Last known value; the server is not live'}>
            <Text size="xs" data-testid="forwarders" c={live ? undefined : 'dimmed'} style={{ fontVariantNumeric: 'tabular-nums' }}>
              Forwarders {fw.healthy}/{fw.total}
            </Text>
          </Tooltip>
          <Text size="xs" c={live ? undefined : 'dimmed'} data-testid="bind">
            BIND {s.bindRunning === null ? 'unknown' : s.bindRunning ? 'running' : 'stopped'}
          </Text>
        </Group>
        <Group gap="md" wrap="nowrap">
          <Metric label="CPU" value={cpu === undefined ? '—' : `${cpu.toFixed(0)} %`} points={series.cpu} color="var(--mantine-color-blue-5)" live={live} />
          <Metric label="QPS" value={qps === undefined ? '—' : qps.toFixed(0)} points={series.qps} color="var(--mantine-color-teal-5)" live={live} />
        </Group>
        <Group justify="space-between" gap="xs" wrap="nowrap">
          <Text size="xs" c="dimmed">
            Last data <RelativeTime iso={s.lastDataAt} data-testid="last-data" />
          </Text>
          <TileAction status={s} onEnterTotp={onEnterTotp} onTrust={onTrust} onRetry={onRetry} onFixPassword={onFixPassword} />
        </Group>
        {s.state === 'tls-untrusted' && s.tlsFingerprint ? (
          <Code data-testid="tile-fingerprint" style={{ fontSize: 12, wordBreak: 'break-all', whiteSpace: 'pre-wrap' }}>
            SHA-256 {s.tlsFingerprint}
          </Code>
        ) : null}
      </Stack>
    </Card>
  );
});

/**
 * A metric's last value and its sparkline. While the server is not live the value is the last one
 * known and says so in words; only the chart fades (faded text failed AA contrast at 2.2:1).
 */
function Metric({ label, value, points, color, live }: { label: string; value: string; points: SeriesMap['cpu']; color: string; live: boolean }) {
  return (
    <Stack gap={0}>
      <Text size="xs" c="dimmed" tt="uppercase">
        {label} <b style={{ fontVariantNumeric: 'tabular-nums' }}>{value}</b>
        {live ? null : ' (last known)'}
      </Text>
      <div style={{ opacity: live ? 1 : 0.45 }}>
        <Sparkline points={points} color={color} label={label} width={110} height={24} />
      </div>
    </Stack>
  );
}

function TileAction({ status, onEnterTotp, onTrust, onRetry, onFixPassword }: Pick<ServerTileProps, 'onEnterTotp' | 'onTrust' | 'onRetry' | 'onFixPassword'> & { status: ServerStatus }) {
  const props = { size: 'compact-xs' as const, variant: 'light' as const };
  switch (status.state) {
    case 'needs-2fa':
      return <Button {...props} color="violet" onClick={onEnterTotp}>Enter 2FA code</Button>;
    case 'tls-untrusted':
      return status.tlsFingerprint ? <Button {...props} color="red" onClick={onTrust}>Trust this certificate</Button> : null;
    case 'auth-failed':
      return <Button {...props} color="red" onClick={onFixPassword}>Update password</Button>;
    case 'offline':
    case 'reconnecting':
    case 'stale':
    case 'replaced':
    case 'account-locked':
      return <Button {...props} color="gray" onClick={onRetry}>Reconnect now</Button>;
    default:
      return null;
  }
}
