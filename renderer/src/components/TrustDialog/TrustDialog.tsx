import { Alert, Button, Code, Group, Modal, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { describeError } from '../../api/FleetClient';
import { useClient } from '../../store/StoreContext';

/** Confirms pinning a certificate fingerprint; the operator should compare it out of band first. */
export function TrustDialog({ serverId, serverName, fingerprint, opened, onClose }: { serverId: string; serverName: string; fingerprint: string; opened: boolean; onClose: () => void }) {
  const client = useClient();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const trust = async () => {
    setBusy(true);
    const r = await client.invoke('servers:trustCertificate', { id: serverId, fingerprint256: fingerprint });
    setBusy(false);
    if (!r.ok) return setError(describeError(r));
    setError(null);
    onClose();
  };

  return (
    <Modal opened={opened} onClose={onClose} title="Trust this certificate?" size="md" data-testid="trust-dialog">
      <Stack gap="sm">
        <Text size="sm">
          <b>{serverName}</b> presented a certificate this app does not trust. Trust it only if this SHA-256 fingerprint matches the one shown on the server itself (for example{' '}
          <Code>openssl x509 -noout -fingerprint -sha256</Code>).
        </Text>
        <Code block data-testid="trust-fingerprint" style={{ wordBreak: 'break-all', whiteSpace: 'pre-wrap' }}>
          {fingerprint}
        </Code>
        <Text size="xs" c="dimmed">
          The fingerprint is pinned for this server: if the certificate changes later, the app stops and asks again.
        </Text>
        {error ? (
          <Alert color="red" variant="light" p="xs">
            {error}
          </Alert>
        ) : null}
        <Group justify="flex-end">
          <Button variant="default" size="xs" onClick={onClose}>
            Cancel
          </Button>
          <Button color="red" size="xs" loading={busy} onClick={() => void trust()}>
            Yes, trust and pin it
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
