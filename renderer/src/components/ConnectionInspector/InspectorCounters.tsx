import { Alert, Button, Group, Paper, SimpleGrid, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { describeError } from '../../api/FleetClient';
import { useInspectorLease } from '../../hooks/useInspector';
import { useClient } from '../../store/StoreContext';
import { FramesSection, LinkSection, PollsSection, ReconnectsSection, RejectedSection, SocketsSection, SubscriptionsSection } from './InspectorSections';

/** The inspector's counters for one server, as the core's last snapshot says. */
export function InspectorCounters({ serverId }: { serverId: string }) {
  const { snapshot, error } = useInspectorLease(serverId, false);
  const client = useClient();
  const [note, setNote] = useState<string | null>(null);
  if (error) return <Alert color="red" title="The inspector is not available">{error}</Alert>;
  if (!snapshot) return <Text size="sm">Loading the inspector…</Text>;
  const resubscribe = async (): Promise<void> => {
    const r = await client.invoke('inspector:resubscribe', { serverId });
    setNote(!r.ok ? describeError(r) : r.value.sent ? 'subscribe_events sent; the reply shows below.' : 'No unified socket is open: nothing to re-subscribe.');
  };
  return (
    <Stack gap="sm" data-testid="inspector-counters" data-stack={snapshot.stack ?? 'none'}>
      <SocketsSection snapshot={snapshot} />
      <Paper withBorder p="xs">
        <Group justify="space-between" mb={4}>
          <Text size="sm" fw={600} component="h3" m={0}>
            Subscriptions
          </Text>
          {snapshot.stack === 'unified' ? (
            <Button size="xs" variant="default" onClick={() => void resubscribe()} data-testid="inspector-resubscribe">
              Re-subscribe now
            </Button>
          ) : null}
        </Group>
        {note ? (
          <Text size="xs" data-testid="inspector-resubscribe-note">
            {note}
          </Text>
        ) : null}
        <SubscriptionsSection snapshot={snapshot} />
      </Paper>
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="sm">
        <LinkSection snapshot={snapshot} />
        <FramesSection snapshot={snapshot} />
      </SimpleGrid>
      <RejectedSection snapshot={snapshot} />
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="sm">
        <ReconnectsSection snapshot={snapshot} />
        <PollsSection snapshot={snapshot} />
      </SimpleGrid>
    </Stack>
  );
}
