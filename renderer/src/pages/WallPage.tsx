import { useMemo, type ReactNode } from 'react';
import { ConnectionBanner, HealthBanners } from '../components/Banners/Banners';
import { WallView } from '../components/WallView/WallView';
import { useFleet } from '../hooks/useFleet';
import type { Route } from '../hooks/useRoute';
import { fleetViewQuery, visibleServers, type FleetView } from '../lib/fleetView';

/**
 * Wall mode (#/fleet?wall=1, F11): no navigation, header or toasts; the app's own banners stay (a
 * wall that lost its core must say so), then the fleet summary as a banner and every server scaled
 * to the screen, in the desk view's order and filter.
 */
export function WallPage({ view, go, palette }: { view: FleetView; go(r: Route): void; palette?: ReactNode }) {
  const fleet = useFleet();
  const servers = useMemo(() => visibleServers(fleet.servers, fleet.verdicts, view), [fleet.servers, fleet.verdicts, view]);
  return (
    <main id="main" data-testid="wall-page" style={{ height: '100vh', display: 'flex', flexDirection: 'column', overflow: 'hidden' }}>
      <ConnectionBanner connection={fleet.connection} />
      <HealthBanners health={fleet.health} />
      <div style={{ flex: 1, minHeight: 0, display: 'flex', flexDirection: 'column' }}>
        <WallView
          servers={servers}
          verdicts={fleet.verdicts}
          fleet={fleet.fleetVerdict}
          onExit={() => go({ page: 'fleet', query: fleetViewQuery({ ...view, wall: false }) })}
          onOpen={(id) => go({ page: 'server', id })}
        />
      </div>
      {palette}
    </main>
  );
}
