import { Stack, Text } from '@mantine/core';
import { deliveriesByTarget, deliveryText, type AlertDelivery } from '../../../../shared/domain/delivery';
import { useNow } from '../../hooks/useNow';

/** "12:03", the time of day a delivery went out. */
const timeOfDay = (iso: string) => new Date(iso).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit', hour12: false });

// Pending in the body colour: the words ("failed: HTTP 503, retry in 40 s") carry it, and it stays AA in both themes.
const COLOR: Record<AlertDelivery['state'], string | undefined> = { delivered: 'dimmed', pending: undefined, rejected: 'red' };

/** Where one alert was forwarded, one line per target (words from shared/domain/delivery.ts). Nothing when it was not forwarded. */
export function DeliveryLine({ deliveries }: { deliveries: readonly AlertDelivery[] | undefined }) {
  const now = useNow();
  if (!deliveries || deliveries.length === 0) return null;
  return (
    <Stack gap={0} data-testid="alert-delivery">
      {deliveriesByTarget(deliveries).map((d) => (
        <Text key={d.target} size="xs" c={COLOR[d.state]} data-state={d.state} lineClamp={2}>
          {deliveryText(d, now, timeOfDay)}
        </Text>
      ))}
    </Stack>
  );
}
