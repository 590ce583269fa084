import { Button, Group, Modal, PinInput, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { describeError } from '../../api/FleetClient';
import { useClient } from '../../store/StoreContext';

/** Asks for the 6-digit code of a server whose account has 2FA; the core finishes the sign-in. */
export function TotpDialog({ serverId, serverName, opened, onClose }: { serverId: string; serverName: string; opened: boolean; onClose: () => void }) {
  const client = useClient();
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (value: string) => {
    if (!/^\d{6}$/.test(value)) return setError('Enter the 6 digits from your authenticator app.');
    setBusy(true);
    const r = await client.invoke('servers:submitTotp', { id: serverId, code: value });
    setBusy(false);
    if (!r.ok) return setError(describeError(r));
    setCode('');
    // The server refused the code: stay open for the next one and say so (issue 12.7).
    if (!r.value.accepted) return setError('The server refused this code. Wait for the next code from your authenticator app and enter it.');
    setError(null);
    onClose();
  };

  return (
    <Modal opened={opened} onClose={onClose} title="Two-factor code" size="sm" data-testid="totp-dialog">
      <Stack gap="sm">
        <Text size="sm">
          Enter the current code for <b>{serverName}</b>.
        </Text>
        <PinInput length={6} type="number" oneTimeCode getInputProps={(i) => (i === 0 ? { 'data-autofocus': true } : {})} value={code} onChange={setCode} onComplete={(v) => void submit(v)} aria-label="2FA code" />
        {error ? (
          <Text size="xs" c="red" role="alert">
            {error}
          </Text>
        ) : null}
        <Group justify="flex-end">
          <Button variant="default" size="xs" onClick={onClose}>
            Cancel
          </Button>
          <Button size="xs" loading={busy} onClick={() => void submit(code)}>
            Sign in
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
