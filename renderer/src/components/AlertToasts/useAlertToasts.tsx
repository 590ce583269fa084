import { useCallback, useEffect, useState } from 'react';
import type { Alert } from '../../../../shared/domain/alert';
import type { NotificationDelivery } from '../../../../shared/domain/notificationPolicy';
import type { Route } from '../../hooks/useRoute';
import { alertHeadline, alertRoute } from '../../lib/alerts';
import { addToast, dismissToast, EMPTY_TOASTS, expireToasts, nextExpiry, TOAST_LIMIT, type ToastEntry, type ToastState } from '../../lib/toastQueue';
import { VERDICT_META } from '../../lib/verdictMeta';
import type { FleetStore } from '../../store/FleetStore';

export interface AlertToastsView {
  state: ToastState;
  /** The latest critical alert in words, for the screen-reader live region. */
  announcement: string;
  open(entry: ToastEntry): void;
  dismiss(key: string): void;
  /** Opens the inbox and drops the toasts grouped behind the visible ones. */
  openInbox(): void;
  dismissBanner(): void;
}

/**
 * Every raised alert as an in-page toast (toastQueue.ts decides what shows and for how long). In
 * the browser host it also gives a browser notification for what the core's alerting policy lets
 * through (alerts:onDidNotify: quiet hours, minimum severity, sound, escalation), when the user
 * allowed it (Electron's main process does native notifications and opens the alert through the hash).
 */
export function useAlertToasts(store: FleetStore, browserNotifications: boolean, go: (route: Route) => void): AlertToastsView {
  const [state, setState] = useState<ToastState>(EMPTY_TOASTS);
  const [announcement, setAnnouncement] = useState('');

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
        setState((s) => addToast(s, { key: `alert-${alert.id}-${alert.count}`, alert, headline, at: Date.now() }));
        if (alert.severity === 'critical') setAnnouncement(`Critical alert: ${headline}`);
      }),
    [store],
  );

  // One timer for the next expiry; re-armed whenever the queue changes.
  const due = nextExpiry(state);
  useEffect(() => {
    if (due === null) return;
    const timer = setTimeout(() => setState((s) => expireToasts(s, Date.now())), Math.max(0, due - Date.now()));
    return () => clearTimeout(timer);
  }, [due]);

  const open = useCallback(
    (entry: ToastEntry) => {
      setState((s) => ({ toasts: s.toasts.filter((t) => t.key !== entry.key), banner: s.banner.filter((b) => b.key !== entry.key) }));
      go(alertRoute(entry.alert));
    },
    [go],
  );
  return {
    state,
    announcement,
    open,
    dismiss: useCallback((key: string) => setState((s) => dismissToast(s, key)), []),
    openInbox: useCallback(() => {
      setState((s) => ({ ...s, toasts: s.toasts.slice(0, TOAST_LIMIT) }));
      go({ page: 'alerts' });
    }, [go]),
    dismissBanner: useCallback(() => setState((s) => ({ ...s, banner: [] })), []),
  };
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
