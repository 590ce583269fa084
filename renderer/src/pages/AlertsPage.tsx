import { Alert as Notice, Badge, Button, Group, Kbd, Menu, Paper, Stack, Tabs, Text } from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { AlertStatus } from '../../../shared/domain/alert';
import { AckDialog, SnoozeDialog, snoozeChoices } from '../components/AlertDialogs/AlertDialogs';
import { AlertTable } from '../components/AlertTable/AlertTable';
import { useAlertLink, type AlertLink } from '../hooks/useAlertLink';
import { useDeliveries } from '../hooks/useDeliveries';
import { useAlerts, useFleet } from '../hooks/useFleet';
import { useInboxCursor } from '../hooks/useInboxCursor';
import { inboxRows, type InboxRow } from '../lib/alerts';
import { useAppServices } from '../store/StoreContext';

const TABS: { value: AlertStatus; label: string }[] = [
  { value: 'active', label: 'Active' },
  { value: 'acknowledged', label: 'Acknowledged' },
  { value: 'snoozed', label: 'Snoozed' },
  { value: 'resolved', label: 'Resolved' },
];

/** A deep link the page has acted on: its alert shown, or missing (a storm summary, a pruned alert). */
interface FollowedLink {
  link: AlertLink;
  outcome: 'shown' | 'missing' | 'dismissed';
}

export function AlertsPage() {
  const { client, store } = useAppServices();
  const alerts = useAlerts();
  const { servers } = useFleet();
  const link = useAlertLink();
  const [tab, setTab] = useState<AlertStatus>('active');
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [dialog, setDialog] = useState<'ack' | 'snooze' | null>(null);
  const [listed, setListed] = useState(false);
  const [followed, setFollowed] = useState<FollowedLink | null>(null);

  // The snapshot holds unresolved alerts only; the inbox also shows recent resolved ones.
  useEffect(() => {
    void client.invoke('alerts:list', { includeResolved: true, limit: 500 }).then((r) => {
      if (r.ok) store.upsertAlerts(r.value);
      setListed(true);
    });
  }, [client, store]);

  const names = useMemo(() => new Map(servers.map((s) => [s.serverId, s.name])), [servers]);
  const serverName = useCallback((id: string) => names.get(id) ?? id, [names]);
  // One row per incident: the same cause on several servers is one row listing the servers.
  const shown = useMemo(() => inboxRows(alerts, tab), [alerts, tab]);
  const counts = useMemo(() => Object.fromEntries(TABS.map((t) => [t.value, inboxRows(alerts, t.value).length])), [alerts]);
  const cursor = useInboxCursor(shown);
  const deliveries = useDeliveries(useMemo(() => shown.map((r) => r.incident.alerts[0]!.id), [shown]));
  const focused = cursor.focused;
  const targets = selected.size ? [...selected] : focused ? focused.ids : [];

  const switchTab = (t: AlertStatus) => {
    setTab(t);
    setSelected(new Set());
    cursor.reset();
  };

  // Follow a deep link once its alert is known: a resolved one only arrives with alerts:list.
  if (link && followed?.link !== link) {
    const target = alerts.find((a) => a.id === link.alertId);
    if (target) {
      setFollowed({ link, outcome: 'shown' });
      setTab(target.status);
      setSelected(new Set());
      cursor.focusId(inboxRows(alerts, target.status).find((r) => r.ids.includes(target.id))?.id ?? target.id);
    } else if (listed) {
      setFollowed({ link, outcome: 'missing' });
      switchTab('active');
    }
  }
  const linkedId = followed?.outcome === 'shown' ? followed.link.alertId : null;

  const toggle = (row: InboxRow) =>
    setSelected((s) => (row.ids.every((id) => s.has(id)) ? new Set([...s].filter((x) => !row.ids.includes(x))) : new Set([...s, ...row.ids])));
  const done = () => {
    setDialog(null);
    setSelected(new Set());
  };
  const acknowledge = (note: string) => void client.invoke('alerts:acknowledge', { ids: targets, note }).then(done);
  const snooze = (minutes: number) => void client.invoke('alerts:snooze', { ids: targets, minutes }).then(done);
  const unsnooze = () => void client.invoke('alerts:unsnooze', { ids: targets }).then(done);

  useHotkeys([
    ['j', () => cursor.move(1)],
    ['k', () => cursor.move(-1)],
    ['x', () => focused && toggle(focused)],
    ['a', () => targets.length && tab !== 'resolved' && setDialog('ack')],
    ['s', () => targets.length && tab !== 'resolved' && setDialog('snooze')],
  ]);
  // Braces matter: newer Chromium returns a Promise from scrollIntoView, which must not become the cleanup.
  useEffect(() => {
    void document.querySelector('[data-testid="alert-row"][data-focused="true"]')?.scrollIntoView({ block: 'nearest' });
  }, [cursor.index, focused?.id]);
  useEffect(() => {
    if (followed?.outcome === 'shown') void document.querySelector(`[data-alert-ids~="${CSS.escape(followed.link.alertId)}"]`)?.scrollIntoView({ block: 'center' });
  }, [followed]);

  return (
    <Stack gap="xs">
      {followed?.outcome === 'missing' ? (
        <Notice color="gray" withCloseButton onClose={() => setFollowed({ ...followed, outcome: 'dismissed' })} data-testid="alert-link-missing">
          The alert you opened is not in the list: it summed up several alerts, or it has been cleared. Every alert is listed below.
        </Notice>
      ) : null}
      <Tabs value={tab} onChange={(v) => switchTab((v as AlertStatus) ?? 'active')}>
        <Tabs.List>
          {TABS.map((t) => (
            <Tabs.Tab key={t.value} value={t.value} rightSection={<Badge size="xs" variant="light" color={t.value === 'active' && counts[t.value] ? 'red' : 'gray'}>{counts[t.value]}</Badge>}>
              {t.label}
            </Tabs.Tab>
          ))}
        </Tabs.List>
      </Tabs>
      <Group justify="space-between">
        <Group gap="xs">
          <Text size="xs" c="dimmed" data-testid="selection-count">
            {selected.size ? `${selected.size} selected` : focused ? 'Actions apply to the highlighted alert' : 'Nothing here'}
          </Text>
          {tab !== 'resolved' ? (
            <>
              <Button disabled={!targets.length || tab === 'acknowledged'} onClick={() => setDialog('ack')} data-testid="bulk-ack">
                Acknowledge…
              </Button>
              <Menu>
                <Menu.Target>
                  <Button variant="default" disabled={!targets.length} data-testid="bulk-snooze">
                    Snooze
                  </Button>
                </Menu.Target>
                <Menu.Dropdown>
                  {snoozeChoices(new Date()).map((c) => (
                    <Menu.Item key={c.key} onClick={() => snooze(c.minutes)}>
                      {c.label}
                    </Menu.Item>
                  ))}
                </Menu.Dropdown>
              </Menu>
              {tab === 'snoozed' ? (
                <Button variant="default" disabled={!targets.length} onClick={unsnooze}>
                  Wake up
                </Button>
              ) : null}
            </>
          ) : null}
        </Group>
        <Text size="xs" c="dimmed">
          <Kbd size="xs">j</Kbd>/<Kbd size="xs">k</Kbd> move · <Kbd size="xs">x</Kbd> select · <Kbd size="xs">a</Kbd> acknowledge · <Kbd size="xs">s</Kbd> snooze
        </Text>
      </Group>
      <Paper withBorder>
        {shown.length ? (
          <AlertTable
            rows={shown}
            selected={selected}
            cursor={cursor.index}
            linkedId={linkedId !== null && focused?.ids.includes(linkedId) ? linkedId : null}
            onToggle={toggle}
            onToggleAll={() => {
              const every = shown.flatMap((r) => r.ids);
              setSelected(every.every((id) => selected.has(id)) ? new Set() : new Set(every));
            }}
            onFocus={cursor.moveTo}
            serverName={serverName}
            deliveries={deliveries}
          />
        ) : (
          <Text size="sm" c="dimmed" p="md" data-testid="alerts-empty">
            No {tab} alerts.
          </Text>
        )}
      </Paper>
      <AckDialog count={targets.length} opened={dialog === 'ack'} onClose={() => setDialog(null)} onConfirm={acknowledge} />
      <SnoozeDialog count={targets.length} opened={dialog === 'snooze'} onClose={() => setDialog(null)} onSnooze={snooze} />
    </Stack>
  );
}
