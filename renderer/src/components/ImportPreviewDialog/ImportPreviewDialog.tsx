import { Alert, Badge, Button, Group, Modal, Stack, Text } from '@mantine/core';
import type { ImportChange } from '../../../../shared/ipc/schemas';

const KIND_LABEL = { add: 'new', update: 'changed', unchanged: 'unchanged' } as const;

/**
 * What a fleet file would change, before anything is written. A fleet file can come from anyone:
 * a changed URL or username is exactly how it would redirect a server's sign-in, so those are
 * shown field by field, with the stored password that would be forgotten.
 */
export function ImportPreviewDialog({ changes, busy, onConfirm, onCancel }: { changes: ImportChange[] | null; busy: boolean; onConfirm(): void; onCancel(): void }) {
  const pending = (changes ?? []).filter((c) => c.kind !== 'unchanged');
  const unchanged = (changes?.length ?? 0) - pending.length;
  return (
    <Modal opened={changes !== null} onClose={onCancel} title="Review the fleet import" size="lg">
      <Stack gap="sm" data-testid="import-preview">
        <Text size="sm">{pending.length === 0 ? 'This file changes nothing.' : `This file would change ${pending.length} server(s).`}</Text>
        {pending.map((c) => (
          <Stack key={c.id} gap={2} data-testid="import-preview-server" data-server-id={c.id} data-kind={c.kind}>
            <Group gap="xs">
              <Text size="sm" fw={600} ff="monospace">
                {c.id}
              </Text>
              <Badge size="xs" variant="light" color={c.kind === 'add' ? 'blue' : 'orange'}>
                {KIND_LABEL[c.kind]}
              </Badge>
            </Group>
            {c.changes.map((f) => (
              <Text key={f.field} size="xs" ff="monospace" data-testid="import-preview-field" data-field={f.field}>
                {c.kind === 'add' ? `${f.field}: ${f.to}` : `${f.field}: ${f.from} → ${f.to}`}
              </Text>
            ))}
            {c.forgetsPassword && (
              <Alert color="orange" p="xs" data-testid="import-preview-forgets-password">
                The URL or username changes: the stored password is forgotten and must be entered again.
              </Alert>
            )}
          </Stack>
        ))}
        {unchanged > 0 && (
          <Text size="xs" c="dimmed">
            {unchanged} server(s) unchanged.
          </Text>
        )}
        <Group justify="flex-end">
          <Button variant="default" size="xs" onClick={onCancel} disabled={busy}>
            Cancel
          </Button>
          <Button size="xs" onClick={onConfirm} loading={busy} disabled={pending.length === 0}>
            Import
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
