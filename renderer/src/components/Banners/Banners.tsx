import { Alert, Loader, Stack } from '@mantine/core';
import type { ConnectionState } from '../../api/FleetClient';
import type { AppHealth } from '../../../../shared/ipc/schemas';
import { Icon } from '../Icon/Icon';

/** The page lost its link to the core: everything on screen may be outdated until it is back. */
export function ConnectionBanner({ connection }: { connection: ConnectionState }) {
  if (connection === 'open') return null;
  return (
    <Alert data-testid="connection-banner" color="orange" variant="filled" radius={0} py={6} icon={connection === 'reconnecting' ? <Loader size={14} color="white" /> : <Icon name="plugOff" />}>
      {connection === 'reconnecting' ? 'Lost connection to the app core… reconnecting. What you see may be outdated.' : 'Disconnected from the app core. Reload the page to reconnect.'}
    </Alert>
  );
}

/** Problems of the app itself (not of a server): keychain missing, event log degraded, notices. */
export function HealthBanners({ health }: { health: AppHealth | null }) {
  if (!health) return null;
  const items: { key: string; color: string; text: string }[] = [];
  if (!health.keychain.available) {
    const why = /memory/i.test(health.keychain.detail) ? '' : ` (${health.keychain.detail})`;
    items.push({ key: 'keychain', color: 'yellow', text: `The OS keychain is not available${why}: credentials are kept in memory for this session only.` });
  }
  if (health.eventLog.state === 'degraded') {
    items.push({ key: 'eventlog', color: 'red', text: `The event log is degraded: ${health.eventLog.detail}. ${health.eventLog.backlog} events are waiting to be written.` });
  }
  health.notices.forEach((n, i) => items.push({ key: `notice-${i}`, color: 'blue', text: n }));
  if (items.length === 0) return null;
  return (
    <Stack gap={0}>
      {items.map((i) => (
        <Alert key={i.key} data-testid={`health-banner-${i.key.replace(/-\d+$/, '')}`} color={i.color} variant="light" radius={0} py={6} icon={<Icon name="alert" />}>
          {i.text}
        </Alert>
      ))}
    </Stack>
  );
}
