import { useEffect, useState } from 'react';
import { parseRoute } from './useRoute';

/** One request to show an alert; a new object per request, even for the same alert. */
export interface AlertLink {
  alertId: string;
}

function readLink(): AlertLink | null {
  const route = parseRoute(window.location.hash);
  return route.page === 'alerts' && route.alertId ? { alertId: route.alertId } : null;
}

/**
 * Rewrites `#/alerts/<id>` to `#/alerts` once read, without a history entry or hashchange: a second
 * click on the same notification sets the same hash again, which would otherwise change nothing.
 */
function consumeLink(): void {
  if (readLink()) window.history.replaceState(window.history.state, '', '#/alerts');
}

/** The alert that a deep link (native notification, toast) asked the Alerts page to show. */
export function useAlertLink(): AlertLink | null {
  const [link, setLink] = useState(readLink);
  useEffect(() => {
    consumeLink();
    const onHashChange = () => {
      const next = readLink();
      if (!next) return;
      setLink(next);
      consumeLink();
    };
    window.addEventListener('hashchange', onHashChange);
    return () => window.removeEventListener('hashchange', onHashChange);
  }, []);
  return link;
}
