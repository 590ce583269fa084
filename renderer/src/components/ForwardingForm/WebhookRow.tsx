import { Badge, Button, Group, Paper, PasswordInput, Select, Stack, Switch, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { WEBHOOK_FORMATS, type ForwardingConfig, type WebhookFormat } from '../../../../shared/domain/delivery';

type Webhook = ForwardingConfig['webhooks'][number];

const FORMAT_LABEL: Record<WebhookFormat, string> = { json: 'JSON (signed body possible)', slack: 'Slack', teams: 'Microsoft Teams' };

export interface WebhookRowProps {
  hook: Webhook;
  index: number;
  /** The webhook is saved (a secret can be kept for it) and whether its secret is in the keychain. */
  saved: boolean;
  secretSet: boolean;
  onChange(next: Webhook): void;
  onRemove(): void;
  onSetSecret(secret: string | null): Promise<string | null>;
}

/** One webhook: id, URL, format, signing; the secret is write-only (typed, sent to the core, then forgotten). */
export function WebhookRow({ hook, index, saved, secretSet, onChange, onRemove, onSetSecret }: WebhookRowProps) {
  const [secret, setSecret] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const set = <K extends keyof Webhook>(k: K, v: Webhook[K]) => onChange({ ...hook, [k]: v });
  const store = (value: string | null) =>
    void onSetSecret(value).then((p) => {
      setProblem(p);
      if (!p) setSecret('');
    });
  return (
    <Paper withBorder p="sm" data-testid="webhook-row">
      <Stack gap="xs">
        <Group grow align="flex-start">
          <TextInput label={`Webhook ${index + 1} id`} description="Names it in logs and in the keychain" value={hook.id} onChange={(e) => set('id', e.currentTarget.value)} />
          <Select
            label="Format"
            data={WEBHOOK_FORMATS.map((f) => ({ value: f, label: FORMAT_LABEL[f] }))}
            value={hook.format}
            allowDeselect={false}
            onChange={(v) => v && set('format', v as WebhookFormat)}
          />
        </Group>
        <TextInput label="URL" placeholder="https://hooks.example/dns" value={hook.url} onChange={(e) => set('url', e.currentTarget.value)} />
        <Switch label="Sign each body (x-dnsfleet-signature, HMAC-SHA256)" checked={hook.signed} onChange={(e) => set('signed', e.currentTarget.checked)} />
        {hook.signed ? (
          <Group align="flex-end" gap="xs">
            <Badge variant="light" color={secretSet ? 'green' : 'red'} data-testid="webhook-secret-state">
              {secretSet ? 'secret set' : 'no secret: deliveries wait'}
            </Badge>
            <PasswordInput
              label="Signing secret"
              description={saved ? 'Kept in the OS keychain, never shown again' : 'Save the webhook first'}
              disabled={!saved}
              value={secret}
              onChange={(e) => setSecret(e.currentTarget.value)}
              autoComplete="new-password"
              style={{ flex: 1 }}
            />
            <Button variant="default" disabled={!saved || secret.length === 0} onClick={() => store(secret)} data-testid="webhook-secret-save">
              {secretSet ? 'Replace secret' : 'Set secret'}
            </Button>
            {secretSet ? (
              <Button variant="subtle" color="red" onClick={() => store(null)}>
                Remove secret
              </Button>
            ) : null}
          </Group>
        ) : null}
        {problem ? (
          <Text size="sm" c="red">
            {problem}
          </Text>
        ) : null}
        <Group justify="flex-end">
          <Button variant="subtle" color="red" onClick={onRemove}>
            Remove webhook {hook.id || index + 1}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
