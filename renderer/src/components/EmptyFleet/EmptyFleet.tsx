import { Button, Center, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { Icon } from '../Icon/Icon';

/** First run: nothing configured yet. Offer the demo fleet or adding a real server. */
export function EmptyFleet({ onStartDemo, onAddServer, demoBusy, error }: { onStartDemo(): void; onAddServer(): void; demoBusy: boolean; error: string | null }) {
  return (
    <Center mih="60vh">
      <Paper withBorder p="xl" radius="md" maw={520} data-testid="empty-fleet">
        <Stack align="center" gap="sm">
          <Icon name="server" size={40} />
          <Title order={3}>No servers yet</Title>
          <Text size="sm" c="dimmed" ta="center">
            Add your Hybrid DNS Servers to watch them here, or start a demo fleet of three emulated servers on this machine to look around first.
          </Text>
          <Group>
            <Button onClick={onStartDemo} loading={demoBusy}>
              Start demo fleet
            </Button>
            <Button variant="default" onClick={onAddServer}>
              Add server
            </Button>
          </Group>
          {error ? (
            <Text size="xs" c="red" role="alert">
              {error}
            </Text>
          ) : null}
        </Stack>
      </Paper>
    </Center>
  );
}
