import { Button, Checkbox, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import { useRef, useState } from 'react';
import type { CredentialPrompt } from '../../hooks/useCredentialPrompt';

/**
 * Asks, server by server, for the passwords an imported fleet file cannot carry. The field is
 * uncontrolled and emptied after every attempt so the password lives only as long as the call.
 */
export function ImportCredentialsDialog({ prompt }: { prompt: CredentialPrompt }) {
  const field = useRef<HTMLInputElement>(null);
  const [forSameUsername, setForSameUsername] = useState(false);
  const { current, position, total, error, busy, sameUsername } = prompt;

  const submit = async () => {
    const input = field.current;
    if (!input) return;
    const password = input.value;
    input.value = '';
    if (await prompt.save(password, forSameUsername && sameUsername.length > 0)) setForSameUsername(false);
    // After a success the field is a fresh one for the next server; focus whichever is shown.
    field.current?.focus();
  };

  return (
    <Modal opened={current !== null} onClose={prompt.close} title="Passwords for imported servers" size="md" data-testid="import-credentials-dialog">
      {current ? (
        <form
          onSubmit={(ev) => {
            ev.preventDefault();
            void submit();
          }}
          autoComplete="off"
        >
          <Stack gap="sm">
            <Text size="xs" c="dimmed" data-testid="import-credentials-progress">
              {position} of {total}
            </Text>
            <Stack gap={2} data-testid="import-credentials-server" data-server-id={current.id}>
              <Text size="sm" fw={600}>
                {current.name}
              </Text>
              <Text size="xs" ff="monospace">
                {current.url || '—'}
              </Text>
              <Text size="xs">User: {current.username || '—'}</Text>
            </Stack>
            <TextInput
              key={current.id}
              ref={field}
              type="password"
              label="Password"
              description="Stored in the operating system's keychain, never in the fleet file."
              autoComplete="off"
              data-autofocus
              error={error}
              disabled={busy}
            />
            {sameUsername.length > 0 ? (
              <Checkbox
                data-testid="import-credentials-same-username"
                checked={forSameUsername}
                onChange={(e) => setForSameUsername(e.currentTarget.checked)}
                disabled={busy}
                label={`Use this password for all servers with the username ${current.username}`}
                description={`Also: ${sameUsername.map((s) => s.name).join(', ')}`}
              />
            ) : null}
            <Group justify="flex-end">
              <Button variant="default" size="xs" onClick={prompt.skip} disabled={busy}>
                Skip
              </Button>
              <Button type="submit" size="xs" loading={busy}>
                Save password
              </Button>
            </Group>
          </Stack>
        </form>
      ) : null}
    </Modal>
  );
}
