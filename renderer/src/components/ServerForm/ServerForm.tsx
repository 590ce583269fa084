import { Alert, Button, Group, NumberInput, PasswordInput, Select, SimpleGrid, Stack, Switch, TagsInput, TextInput } from '@mantine/core';
import { useState } from 'react';
import type { ServerConfig } from '../../../../shared/domain/serverConfig';
import type { ConnectionTest, ServerEntry } from '../../../../shared/ipc/schemas';
import { ConnectionTestResult } from '../ConnectionTestResult/ConnectionTestResult';
import { formValues, toConfig, type ServerFormValues } from './serverFormModel';

export interface ServerFormProps {
  entry: ServerEntry | null;
  onSave(config: ServerConfig, password: string | undefined): Promise<string | null>;
  onTest(config: ServerConfig, password: string | undefined): Promise<ConnectionTest | string>;
  onCancel(): void;
}

/**
 * Add/edit one server. The password is write-only: never pre-filled, sent once with the save
 * (or the test) and then forgotten by the page.
 */
export function ServerForm({ entry, onSave, onTest, onCancel }: ServerFormProps) {
  const [v, setV] = useState<ServerFormValues>(() => formValues(entry));
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState<'save' | 'test' | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [test, setTest] = useState<ConnectionTest | null>(null);
  const set = <K extends keyof ServerFormValues>(k: K, value: ServerFormValues[K]) => setV((cur) => ({ ...cur, [k]: value }));

  const run = async (kind: 'save' | 'test') => {
    const parsed = toConfig(v);
    if (!parsed.ok) return setErrors(parsed.errors);
    setErrors({});
    setBusy(kind);
    setMessage(null);
    const pw = password || undefined;
    if (kind === 'save') {
      const err = await onSave(parsed.config, pw);
      if (!err) setPassword('');
      setMessage(err);
    } else {
      const r = await onTest(parsed.config, pw);
      if (typeof r === 'string') setMessage(r);
      else setTest(r);
    }
    setBusy(null);
  };

  return (
    <Stack gap="xs" data-testid="server-form">
      <SimpleGrid cols={2} spacing="xs" verticalSpacing={6}>
        <TextInput
          label="Id"
          description="letters, digits, . _ -"
          required
          disabled={entry !== null}
          value={v.id}
          onChange={(e) => set('id', e.currentTarget.value)}
          error={errors.id}
        />
        <TextInput label="Name" required value={v.name} onChange={(e) => set('name', e.currentTarget.value)} error={errors.name} />
        <TextInput
          label="URL"
          required
          value={v.url}
          onChange={(e) => set('url', e.currentTarget.value)}
          error={errors.url}
          placeholder="https://dns1.example:8443"
        />
        <TextInput
          label="Username"
          required
          value={v.username}
          onChange={(e) => set('username', e.currentTarget.value)}
          error={errors.username}
        />
        <PasswordInput
          label="Password"
          description={
            entry?.hasCredential ? 'Stored in the keychain. Leave empty to keep it.' : 'Stored in the OS keychain, never shown again.'
          }
          autoComplete="new-password"
          value={password}
          onChange={(e) => setPassword(e.currentTarget.value)}
          data-testid="password-input"
        />
        <TextInput
          label="Password from env var"
          description="CLI / headless hosts"
          value={v.passwordEnv}
          onChange={(e) => set('passwordEnv', e.currentTarget.value)}
          error={errors.passwordEnv}
        />
        <Select
          label="Stack"
          data={['auto', 'legacy', 'unified']}
          value={v.stack}
          onChange={(s) => set('stack', (s ?? 'auto') as ServerFormValues['stack'])}
          allowDeselect={false}
        />
        <Select
          label="Legacy socket types"
          data={['admin', 'health+system']}
          value={v.legacyTypes}
          onChange={(s) => set('legacyTypes', (s ?? 'admin') as ServerFormValues['legacyTypes'])}
          allowDeselect={false}
        />
        <NumberInput
          label="REST poll (s)"
          min={15}
          max={3600}
          value={v.pollSeconds}
          onChange={(n) => set('pollSeconds', Number(n) || 60)}
          error={errors.pollSeconds}
        />
        <NumberInput
          label="Watchdog (s)"
          description="default 2.5 × stream interval"
          min={5}
          max={3600}
          value={v.watchdogSeconds}
          onChange={(n) => set('watchdogSeconds', n === '' ? '' : Number(n))}
          error={errors.watchdogSeconds}
        />
        <TextInput
          label="Pinned certificate SHA-256"
          value={v.fingerprint256}
          onChange={(e) => set('fingerprint256', e.currentTarget.value)}
          error={errors.fingerprint256}
        />
        <TextInput label="CA file" value={v.caFile} onChange={(e) => set('caFile', e.currentTarget.value)} error={errors.caFile} />
        <TextInput label="Group" value={v.group} onChange={(e) => set('group', e.currentTarget.value)} error={errors.group} />
        <TagsInput label="Tags" value={v.tags} onChange={(t) => set('tags', t)} error={errors.tags} />
        <TextInput
          label="DNS address for probes"
          description="empty: the URL's host"
          value={v.dnsHost}
          onChange={(e) => set('dnsHost', e.currentTarget.value)}
          error={errors.dnsHost}
          data-testid="dns-host-input"
        />
        <NumberInput
          label="DNS port"
          description="default 53"
          min={1}
          max={65535}
          value={v.dnsPort}
          onChange={(n) => set('dnsPort', n === '' ? '' : Number(n))}
          error={errors.dnsPort}
        />
      </SimpleGrid>
      <Switch label="Enabled" checked={v.enabled} onChange={(e) => set('enabled', e.currentTarget.checked)} />
      {message ? (
        <Alert color="red" variant="light" p="xs">
          {message}
        </Alert>
      ) : null}
      {test ? <ConnectionTestResult result={test} /> : null}
      <Group justify="space-between">
        <Button variant="default" loading={busy === 'test'} onClick={() => void run('test')} data-testid="test-connection">
          Test connection
        </Button>
        <Group gap="xs">
          <Button variant="default" onClick={onCancel}>
            Cancel
          </Button>
          <Button loading={busy === 'save'} onClick={() => void run('save')} data-testid="save-server">
            Save
          </Button>
        </Group>
      </Group>
    </Stack>
  );
}
