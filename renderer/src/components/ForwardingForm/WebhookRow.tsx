import { Button, Group, Paper, Select, Stack, Switch, TextInput } from '@mantine/core';
import { WEBHOOK_FORMATS, type ForwardingConfig, type WebhookFormat, type WebhookSecretKind } from '../../../../shared/domain/delivery';
import { SecretField } from './SecretField';

type Webhook = ForwardingConfig['webhooks'][number];

const FORMAT_LABEL: Record<WebhookFormat, string> = { json: 'JSON (signed body possible)', slack: 'Slack', teams: 'Microsoft Teams' };

export interface WebhookRowProps {
  hook: Webhook;
  index: number;
  /** The webhook is saved (a secret can be kept for it); which of its keychain entries are set. */
  saved: boolean;
  secretSet: boolean;
  urlSet: boolean;
  onChange(next: Webhook): void;
  onRemove(): void;
  onSetSecret(kind: WebhookSecretKind, value: string | null): Promise<string | null>;
}

/** One webhook: id, URL (or the URL kept in the keychain), format, signing; secrets are write-only. */
export function WebhookRow({ hook, index, saved, secretSet, urlSet, onChange, onRemove, onSetSecret }: WebhookRowProps) {
  const set = <K extends keyof Webhook>(k: K, v: Webhook[K]) => onChange({ ...hook, [k]: v });
  const urlInKeychain = hook.url === null;
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
        <Switch
          label="Keep the URL in the keychain (Slack and Teams URLs carry their own secret)"
          checked={urlInKeychain}
          onChange={(e) => set('url', e.currentTarget.checked ? null : '')}
        />
        {urlInKeychain ? (
          <SecretField label="URL" isSet={urlSet} missing="no URL: deliveries wait" saved={saved} testId="webhook-url" onSet={(v) => onSetSecret('url', v)} />
        ) : (
          <TextInput label="URL" placeholder="https://hooks.example/dns" value={hook.url ?? ''} onChange={(e) => set('url', e.currentTarget.value)} />
        )}
        <Switch label="Sign each body (x-dnsfleet-signature, HMAC-SHA256)" checked={hook.signed} onChange={(e) => set('signed', e.currentTarget.checked)} />
        {hook.signed ? (
          <SecretField
            label="Signing secret"
            isSet={secretSet}
            missing="no secret: deliveries wait"
            saved={saved}
            testId="webhook-secret"
            onSet={(v) => onSetSecret('signing', v)}
          />
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
