import { useEffect, useRef } from 'react';
import { fleetViewQuery, lastFleetQuery, parseFleetView, type FleetView } from '../lib/fleetView';
import type { Route } from './useRoute';

const storage = () => (typeof localStorage === 'undefined' ? null : localStorage);

/**
 * Wall mode lives in the fleet route (#/fleet?wall=1). `?wall=1` in the page address (a wall
 * display's bookmark of the browser host) opens it once at load; F11 toggles it from any page
 * (in a browser and in Electron F11 also makes the window full screen: wall mode is the layout).
 * Returns the fleet view while in wall mode, else null.
 */
export function useWallMode(route: Route, go: (r: Route) => void): FleetView | null {
  const view = route.page === 'fleet' ? parseFleetView(route.query ?? '') : null;
  const wall = view?.wall ? view : null;
  const latest = useRef({ route, go });
  useEffect(() => {
    latest.current = { route, go };
  });

  useEffect(() => {
    if (new URLSearchParams(window.location.search).get('wall') !== '1') return;
    const r = latest.current.route;
    const v = parseFleetView(r.page === 'fleet' ? (r.query ?? '') : lastFleetQuery(storage()));
    if (!v.wall) latest.current.go({ page: 'fleet', query: fleetViewQuery({ ...v, wall: true }) });
  }, []);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'F11' || e.ctrlKey || e.altKey || e.metaKey) return;
      const r = latest.current.route;
      const v = parseFleetView(r.page === 'fleet' ? (r.query ?? '') : lastFleetQuery(storage()));
      latest.current.go({ page: 'fleet', query: fleetViewQuery({ ...v, wall: !(r.page === 'fleet' && v.wall) }) });
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  return wall;
}
