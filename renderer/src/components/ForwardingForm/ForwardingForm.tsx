import { Button, Group, Select, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import type { ForwardingConfig, TestDelivery } from '../../../../shared/domain/delivery';
import { SEVERITIES, type Severity } from '../../../../shared/domain/fleetEvent';
import type { ForwardingApi } from '../../hooks/useForwarding';
import { TestAlertResults } from './TestAlertResults';
import { WebhookRow } from './WebhookRow';

const SEVERITY_LABEL: Record<Severity, string> = { debug: 'Debug', info: 'Info', warning: 'Warning', error: 'Error', critical: 'Critical' };

/** Alert forwarding: Alertmanager, webhooks, their secrets (write-only) and a test alert through the real outbox. */
export function ForwardingForm({ api }: { api: ForwardingApi & { view: NonNullable<ForwardingApi['view']> } }) {
  const { view } = api;
  const [draft, setDraft] = useState<ForwardingConfig | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [testing, setTesting] = useState(false);
  const [test, setTest] = useState<{ results: TestDelivery[] } | { error: string } | null>(null);
  const current = draft ?? view.config;
  const dirty = draft !== null && JSON.stringify(draft) !== JSON.stringify(view.config);
  const set = <K extends keyof ForwardingConfig>(k: K, v: ForwardingConfig[K]) => setDraft({ ...current, [k]: v });
  const hooks = current.webhooks;
  const savedIds = new Set(view.config.webhooks.map((h) => h.id));

  const save = () => {
    setSaving(true);
    void api.save(current).then((p) => {
      setSaving(false);
      setProblem(p);
      if (!p) setDraft(null);
    });
  };
  const sendTest = () => {
    setTesting(true);
    setTest(null);
    void api.sendTest().then((r) => {
      setTesting(false);
      setTest(r);
    });
  };
  return (
    <Stack gap="sm" maw={640}>
      <Text size="sm" c="dimmed">
        Alerts at or above the severity below are posted when they open and when they resolve, through an outbox on disk: retried while a
        receiver is down, each sent once.
      </Text>
      <Select
        label="Forward from severity"
        data={SEVERITIES.map((s) => ({ value: s, label: SEVERITY_LABEL[s] }))}
        value={current.minSeverity}
        allowDeselect={false}
        onChange={(v) => v && set('minSeverity', v as Severity)}
      />
      <TextInput
        label="Prometheus Alertmanager URL"
        description="Its base URL; alerts go to /api/v2/alerts. Empty: off."
        placeholder="http://alertmanager:9093"
        value={current.alertmanagerUrl ?? ''}
        onChange={(e) => set('alertmanagerUrl', e.currentTarget.value.trim() === '' ? null : e.currentTarget.value.trim())}
        data-testid="alertmanager-url"
      />
      {hooks.map((h, i) => (
        <WebhookRow
          key={i}
          hook={h}
          index={i}
          saved={savedIds.has(h.id) && !dirty}
          secretSet={view.secretsSet.includes(h.id)}
          urlSet={view.urlsSet.includes(h.id)}
          onChange={(next) => set('webhooks', hooks.map((x, j) => (j === i ? next : x)))}
          onRemove={() => set('webhooks', hooks.filter((_, j) => j !== i))}
          onSetSecret={(kind, value) => api.setSecret(h.id, kind, value)}
        />
      ))}
      <Group>
        <Button variant="default" disabled={hooks.length >= 20} onClick={() => set('webhooks', [...hooks, { id: `hook${hooks.length + 1}`, url: '', format: 'json', signed: false }])}>
          Add webhook
        </Button>
      </Group>
      {view.problem ? (
        <Text size="sm" c="red" data-testid="forwarding-broken">
          {view.problem}
        </Text>
      ) : null}
      {!view.keychainPersistent ? (
        <Text size="sm" c="red">
          No OS keychain: a signing secret set here lasts only until the app closes.
        </Text>
      ) : null}
      {problem ? (
        <Text size="sm" c="red" data-testid="forwarding-problem">
          {problem}
        </Text>
      ) : null}
      <Group>
        <Button disabled={!dirty} loading={saving} onClick={save} data-testid="forwarding-save">
          Save forwarding
        </Button>
        <Button variant="default" disabled={!dirty} onClick={() => (setDraft(null), setProblem(null))}>
          Reset
        </Button>
        <Button variant="default" disabled={dirty || view.targets.length === 0} loading={testing} onClick={sendTest} data-testid="send-test-alert">
          Send test alert
        </Button>
        <Text size="sm" c="dimmed" data-testid="forwarding-status">
          {view.targets.length === 0 ? 'Not forwarding.' : `Forwarding to ${view.targets.length} target${view.targets.length === 1 ? '' : 's'}; ${view.pending} pending.`}
        </Text>
      </Group>
      {test && 'error' in test ? (
        <Text size="sm" c="red" role="status">
          {test.error}
        </Text>
      ) : null}
      {test && 'results' in test ? <TestAlertResults results={test.results} /> : null}
    </Stack>
  );
}
