import { List, Text } from '@mantine/core';
import { targetName, type TestDelivery } from '../../../../shared/domain/delivery';

const OUTCOME: Record<TestDelivery['outcome'], string> = {
  delivered: 'delivered',
  failed: 'failed',
  rejected: 'refused',
  waiting: 'waiting in the outbox',
};

/** "Alertmanager, firing: delivered" / "webhook ops, firing: failed (HTTP 503)": what each target answered the test alert. */
export function TestAlertResults({ results }: { results: readonly TestDelivery[] }) {
  const stuck = results.some((r) => r.outcome !== 'delivered');
  return (
    <div data-testid="test-alert-results" role="status">
      <List size="sm" spacing={2}>
        {results.map((r) => (
          <List.Item key={`${r.target} ${r.transition}`} data-outcome={r.outcome}>
            <Text size="sm" c={r.outcome === 'delivered' ? undefined : 'red'} span>
              {targetName(r.target)}, {r.transition}: {OUTCOME[r.outcome]}
              {r.error ? ` (${r.error})` : ''}
            </Text>
          </List.Item>
        ))}
      </List>
      {stuck ? (
        <Text size="sm" c="dimmed" mt={4}>
          What did not go through stays in the outbox and is retried with backoff; the alert list shows its state.
        </Text>
      ) : null}
    </div>
  );
}
