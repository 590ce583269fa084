import { AppShell, NavLink, ScrollArea, Stack } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useCallback, useState } from 'react';
import type { Alert } from '../../shared/domain/alert';
import { AppHeader } from './components/AppHeader/AppHeader';
import { AlertToasts, CriticalBanner } from './components/AlertToasts/AlertToasts';
import { useAlertToasts } from './components/AlertToasts/useAlertToasts';
import { ConnectionBanner, HealthBanners } from './components/Banners/Banners';
import { Icon, type IconName } from './components/Icon/Icon';
import { SkipLink } from './components/SkipLink/SkipLink';
import { useFleet } from './hooks/useFleet';
import { useRoute, type Route } from './hooks/useRoute';
import { useFleetTitle } from './hooks/useFleetTitle';
import { AlertsPage } from './pages/AlertsPage';
import { DashboardPage } from './pages/DashboardPage';
import { EventsPage } from './pages/EventsPage';
import { FleetPage } from './pages/FleetPage';
import { ServerDetailPage } from './pages/ServerDetailPage';
import { ServersPage } from './pages/ServersPage';
import { SettingsPage } from './pages/SettingsPage';
import { WallPage } from './pages/WallPage';
import { useWallMode } from './hooks/useWallMode';
import { useSlashSearch } from './hooks/useSlashSearch';
import { CommandPalette } from './components/CommandPalette/CommandPalette';
import { useAppServices } from './store/StoreContext';

const NAV: { page: Route['page']; label: string; icon: IconName }[] = [
  { page: 'fleet', label: 'Fleet', icon: 'grid' },
  { page: 'dashboard', label: 'Dashboard', icon: 'chart' },
  { page: 'alerts', label: 'Alerts', icon: 'bell' },
  { page: 'events', label: 'Events', icon: 'list' },
  { page: 'servers', label: 'Servers', icon: 'server' },
  { page: 'settings', label: 'Settings', icon: 'tool' },
];

export function App() {
  const { client, store } = useAppServices();
  const fleet = useFleet();
  const [route, go] = useRoute();
  const [navOpened, nav] = useDisclosure(false);
  const permission = useNotificationPermission(client.kind === 'web');
  const toasts = useAlertToasts(store, client.kind === 'web', go);
  useFleetTitle(fleet.fleetVerdict);
  const wall = useWallMode(route, go);
  useSlashSearch();

  const activeAlerts = fleet.alerts.filter((a) => a.status === 'active').length;
  const navigate = useCallback(
    (r: Route) => {
      go(r);
      nav.close();
    },
    [go, nav],
  );
  if (wall) return <WallPage view={wall} go={go} palette={<CommandPalette go={go} />} />;
  return (
    <AppShell header={{ height: 44 }} navbar={{ width: 160, breakpoint: 'sm', collapsed: { mobile: !navOpened } }} padding="sm">
      <SkipLink targetId="main" />
      <AppShell.Header>
        <AppHeader
          fleet={fleet.fleetVerdict}
          activeAlerts={activeAlerts}
          navOpened={navOpened}
          onToggleNav={nav.toggle}
          onOpenAlerts={() => navigate({ page: 'alerts' })}
          notificationPermission={permission.state}
          onAskNotifications={permission.ask}
        />
      </AppShell.Header>
      <AppShell.Navbar p={6}>
        <ScrollArea>
          <Stack gap={2}>
            {NAV.map((n) => (
              <NavLink
                key={n.page}
                href={`#/${n.page}`}
                label={n.label}
                leftSection={<Icon name={n.icon} />}
                active={route.page === n.page || (n.page === 'fleet' && route.page === 'server')}
                onClick={(e) => {
                  e.preventDefault();
                  navigate({ page: n.page } as Route);
                }}
                rightSection={n.page === 'alerts' && activeAlerts ? <b>{activeAlerts}</b> : null}
              />
            ))}
          </Stack>
        </ScrollArea>
      </AppShell.Navbar>
      <AppShell.Main id="main" tabIndex={-1} style={{ outline: 'none' }}>
        <Stack gap="sm">
          <Stack gap={0} mx="calc(-1 * var(--mantine-spacing-sm))" mt="calc(-1 * var(--mantine-spacing-sm))">
            <ConnectionBanner connection={fleet.connection} />
            <HealthBanners health={fleet.health} />
            <CriticalBanner entries={toasts.state.banner.filter((e) => stillActive(fleet.alerts, e.alert.id))} onOpen={toasts.open} onDismiss={toasts.dismissBanner} />
          </Stack>
          <Page route={route} go={navigate} />
        </Stack>
      </AppShell.Main>
      <AlertToasts view={toasts} />
      <CommandPalette go={navigate} />
    </AppShell>
  );
}

/** A collapsed critical alert leaves the banner once it is acknowledged, snoozed or resolved. */
const stillActive = (alerts: readonly Alert[], id: string) => alerts.some((a) => a.id === id && a.status === 'active');

function Page({ route, go }: { route: Route; go(r: Route): void }) {
  switch (route.page) {
    case 'server':
      return <ServerDetailPage id={route.id} go={go} query={route.query} />;
    case 'dashboard':
      return <DashboardPage query={route.query} go={go} />;
    case 'alerts':
      return <AlertsPage />;
    case 'events':
      return <EventsPage query={route.query ?? ''} go={go} />;
    case 'servers':
      return <ServersPage />;
    case 'settings':
      return <SettingsPage />;
    default:
      return <FleetPage query={route.query ?? ''} go={go} />;
  }
}

/** Browser notifications are asked for from a button (never on load), in the browser host only. */
function useNotificationPermission(enabled: boolean) {
  const supported = typeof Notification !== 'undefined';
  const [state, setState] = useState<NotificationPermission | 'unsupported' | null>(enabled ? (supported ? Notification.permission : 'unsupported') : null);
  const ask = useCallback(() => {
    if (supported) void Notification.requestPermission().then(setState);
  }, [supported]);
  return { state, ask };
}
