import { Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useEffect, type MouseEvent } from 'react';
import type { Alert } from '../../../../shared/domain/alert';
import type { NotificationDelivery } from '../../../../shared/domain/notificationPolicy';
import type { Route } from '../../hooks/useRoute';
import { alertHeadline, alertRoute, isSummaryAlert } from '../../lib/alerts';
import { VERDICT_META } from '../../lib/verdictMeta';
import type { FleetStore } from '../../store/FleetStore';
import { SEVERITY_COLOR } from '../SeverityBadge/SeverityBadge';

/**
 * Shows every raised alert as an in-page toast that opens the alert when clicked. In the browser
 * host it also gives a browser notification for what the core's alerting policy lets through
 * (alerts:onDidNotify: quiet hours, minimum severity, sound, escalation), when the user allowed it
 * (Electron's main process does native notifications and opens the alert through the location hash).
 */
export function useAlertToasts(store: FleetStore, browserNotifications: boolean, go: (route: Route) => void): void {
  useEffect(() => {
    if (!browserNotifications) return;
    return store.onDidNotifyAlert(({ alert, delivery }) => {
      const server = store.getState().servers.find((s) => s.serverId === alert.serverId)?.name;
      notifyBrowser(alert, delivery, alertHeadline(alert, server), verdictLine(store, alert.serverId, server), () => go(alertRoute(alert)));
    });
  }, [store, browserNotifications, go]);
  useEffect(
    () =>
      store.onDidRaiseAlert((alert) => {
        const server = store.getState().servers.find((s) => s.serverId === alert.serverId)?.name;
        const headline = alertHeadline(alert, server);
        const id = `alert-${alert.id}-${alert.count}`;
        const open = (e: MouseEvent<HTMLDivElement>) => {
          if ((e.target as Element).closest('button')) return; // the close button only closes
          notifications.hide(id);
          go(alertRoute(alert));
        };
        notifications.show({
          id,
          title: headline,
          message: <ToastBody alert={alert} />,
          color: SEVERITY_COLOR[alert.severity],
          autoClose: alert.severity === 'critical' ? false : 8000,
          onClick: open,
          style: { cursor: 'pointer' },
          'data-testid': 'alert-toast',
          'data-alert-id': alert.id,
        } as Parameters<typeof notifications.show>[0]);
      }),
    [store, go],
  );
}

function ToastBody({ alert }: { alert: Alert }) {
  return (
    <>
      <Text size="sm" lineClamp={3}>
        {alert.detail || alert.rule}
      </Text>
      <Text size="xs" c="dimmed" mt={2}>
        {isSummaryAlert(alert) ? 'Click to open the alert list' : 'Click to open this alert'}
      </Text>
    </>
  );
}

/** "HQ 1 is Critical: BIND is not running": the server's verdict as the core gave it (the alert came after it). */
function verdictLine(store: FleetStore, serverId: string, name: string | undefined): string {
  const v = store.getState().verdicts.get(serverId);
  if (!v) return '';
  return `${name ?? serverId} is ${VERDICT_META[v.level].label}${v.reasons[0] ? `: ${v.reasons[0]}` : ''}`;
}

function notifyBrowser(alert: Alert, delivery: NotificationDelivery, headline: string, verdict: string, open: () => void): void {
  if (typeof Notification === 'undefined' || Notification.permission !== 'granted') return;
  try {
    const title = delivery.repeat > 0 ? `Still unacknowledged — ${headline}` : headline;
    // A repeat gets a new tag so the browser shows it again instead of silently replacing the first.
    const tag = delivery.repeat > 0 ? `${alert.id}#${delivery.repeat}` : alert.id;
    const body = [alert.detail, verdict].filter(Boolean).join('\n');
    const n = new Notification(title, { body, tag, silent: delivery.silent, requireInteraction: delivery.loud });
    n.onclick = () => {
      window.focus();
      open();
      n.close();
    };
  } catch {
    // Some browsers only allow notifications from a service worker; the toast is still shown.
  }
}
