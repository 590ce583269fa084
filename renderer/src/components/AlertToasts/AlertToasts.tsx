import { Anchor, Button, CloseButton, Group, Paper, Stack, Text, VisuallyHidden } from '@mantine/core';
import type { MouseEvent } from 'react';
import { routeHref } from '../../hooks/useRoute';
import { alertRoute, isSummaryAlert } from '../../lib/alerts';
import { visibleToasts, type ToastEntry } from '../../lib/toastQueue';
import { SEVERITY_COLOR } from '../SeverityBadge/SeverityBadge';
import type { AlertToastsView } from './useAlertToasts';

/**
 * At most three toasts, newest on top, in the bottom-right corner: never over the header (badge,
 * theme switch) or a page's primary buttons, which sit at the top. The corner itself lets clicks
 * through; only the toasts take them.
 */
export function AlertToasts({ view }: { view: AlertToastsView }) {
  const { shown, more, atLeast } = visibleToasts(view.state);
  return (
    <>
      <VisuallyHidden aria-live="assertive" aria-atomic="true" data-testid="critical-announcer">
        {view.announcement}
      </VisuallyHidden>
      <Stack gap={6} w={340} style={{ position: 'fixed', right: 12, bottom: 12, zIndex: 300, pointerEvents: 'none' }} data-testid="toast-stack">
        {shown.map((t) => (
          <Toast key={t.key} entry={t} onOpen={() => view.open(t)} onClose={() => view.dismiss(t.key)} />
        ))}
        {more > 0 ? (
          <Button data-testid="toast-more" variant="default" size="xs" style={{ pointerEvents: 'auto' }} onClick={view.openInbox}>
            {more}
            {atLeast ? '+' : ''} more alert{more === 1 ? '' : 's'} · open the inbox
          </Button>
        ) : null}
      </Stack>
    </>
  );
}

function Toast({ entry, onOpen, onClose }: { entry: ToastEntry; onOpen(): void; onClose(): void }) {
  const { alert } = entry;
  const color = SEVERITY_COLOR[alert.severity];
  // The whole card opens the alert for a mouse; the link does it for the keyboard.
  const click = (e: MouseEvent) => {
    if (!(e.target as Element).closest('button, a')) onOpen();
  };
  return (
    <Paper
      data-testid="alert-toast"
      data-alert-id={alert.id}
      data-severity={alert.severity}
      withBorder
      shadow="md"
      p="xs"
      onClick={click}
      style={{ pointerEvents: 'auto', cursor: 'pointer', borderLeft: `4px solid var(--mantine-color-${color}-filled)` }}
    >
      <Group justify="space-between" wrap="nowrap" align="flex-start" gap={4}>
        <Text size="sm" fw={600} lineClamp={2}>
          {entry.headline}
        </Text>
        <CloseButton size="sm" aria-label="Close this notification" onClick={onClose} />
      </Group>
      <Text size="sm" lineClamp={3}>
        {alert.detail || alert.rule}
      </Text>
      <Anchor
        href={routeHref(alertRoute(alert))}
        size="xs"
        onClick={(e) => {
          e.preventDefault();
          onOpen();
        }}
      >
        {isSummaryAlert(alert) ? 'Click to open the alert list' : 'Click to open this alert'}
      </Anchor>
    </Paper>
  );
}

/** Critical alerts whose toast collapsed after 30 s: one line under the header, one click from each. */
export function CriticalBanner({ entries, onOpen, onDismiss }: { entries: ToastEntry[]; onOpen(e: ToastEntry): void; onDismiss(): void }) {
  const first = entries[0];
  if (!first) return null;
  return (
    <Group data-testid="critical-banner" role="status" justify="space-between" wrap="nowrap" px="sm" py={6} bg="red.9" c="white" gap="xs">
      <Text size="sm" fw={600} truncate>
        {entries.length === 1 ? `Critical: ${first.headline}` : `${entries.length} critical alerts. Latest: ${first.headline}`}
      </Text>
      <Group gap={6} wrap="nowrap">
        <Button size="compact-sm" variant="white" color="red" onClick={() => onOpen(first)}>
          Open
        </Button>
        <CloseButton size="sm" variant="transparent" c="white" aria-label="Hide the critical alert banner" onClick={onDismiss} />
      </Group>
    </Group>
  );
}
