import { useEffect } from 'react';
import type { FleetVerdict } from '../../../shared/domain/verdict';
import { faviconHref, fleetTitle } from '../lib/verdictMeta';

/**
 * The window/tab title and favicon follow the fleet verdict, so a background tab or a taskbar
 * entry says "(2 critical) DNS Fleet Monitor" with a red icon. Nothing is decided here.
 */
export function useFleetTitle(fleet: FleetVerdict | null): void {
  const title = fleetTitle(fleet);
  const level = fleet && fleet.total > 0 ? fleet.level : null;
  useEffect(() => {
    document.title = title;
  }, [title]);
  useEffect(() => {
    let link = document.querySelector<HTMLLinkElement>('link[rel="icon"]');
    if (!link) {
      link = document.createElement('link');
      link.rel = 'icon';
      document.head.appendChild(link);
    }
    link.dataset.level = level ?? 'none';
    link.href = level ? faviconHref(level) : 'data:,';
  }, [level]);
}
