import { notifications } from '@mantine/notifications';
import { useEffect } from 'react';
import type { Alert } from '../../../../shared/domain/alert';
import type { FleetStore } from '../../store/FleetStore';
import { SEVERITY_COLOR } from '../SeverityBadge/SeverityBadge';

/**
 * Shows every raised alert as an in-page toast. In the browser host it also uses the browser's
 * Notification API when the user allowed it (Electron's main process does native notifications).
 */
export function useAlertToasts(store: FleetStore, browserNotifications: boolean): void {
  useEffect(
    () =>
      store.onDidRaiseAlert((alert) => {
        const server = store.getState().servers.find((s) => s.serverId === alert.serverId)?.name ?? alert.serverId;
        notifications.show({
          id: `alert-${alert.id}-${alert.count}`,
          title: `${server}: ${alert.title}`,
          message: alert.detail || alert.rule,
          color: SEVERITY_COLOR[alert.severity],
          autoClose: alert.severity === 'critical' ? false : 8000,
          'data-testid': 'alert-toast',
        } as Parameters<typeof notifications.show>[0]);
        if (browserNotifications) notifyBrowser(alert, server);
      }),
    [store, browserNotifications],
  );
}

function notifyBrowser(alert: Alert, server: string): void {
  if (typeof Notification === 'undefined' || Notification.permission !== 'granted') return;
  try {
    new Notification(`${server}: ${alert.title}`, { body: alert.detail, tag: alert.id });
  } catch {
    // Some browsers only allow notifications from a service worker; the toast is still shown.
  }
}
