import { Badge, Group, Text, Tooltip } from '@mantine/core';
import { useNow } from '../../hooks/useNow';
import { untilText } from '../../lib/format';
import { maintenanceEndText } from '../../lib/maintenance';
import { Icon } from '../Icon/Icon';

/** "Maintenance until 14:35" with a live countdown; gone by itself when the window has passed. */
export function MaintenanceBadge({ untilMs, size = 'sm' }: { untilMs: number | null; size?: 'sm' | 'md' }) {
  const now = useNow();
  if (untilMs === null || untilMs <= now) return null;
  const end = maintenanceEndText(untilMs, new Date(now));
  return (
    <Tooltip label={`Alerts for this server are recorded but not notified until ${end}.`} multiline maw={260}>
      <Group gap={6} wrap="nowrap" data-testid="maintenance" style={{ minWidth: 0 }}>
        <Badge size={size} color="indigo" variant="light" leftSection={<Icon name="tool" size={12} />} data-testid="maintenance-badge" style={{ flex: 'none' }}>
          Maintenance until {end}
        </Badge>
        <Text size="xs" c="dimmed" truncate data-testid="maintenance-countdown" style={{ fontVariantNumeric: 'tabular-nums' }}>
          ends in {untilText(untilMs - now)}
        </Text>
      </Group>
    </Tooltip>
  );
}
