import { Badge } from '@mantine/core';
import { HEALTH_META, type TileHealth } from '../../lib/health';
import { Icon, type IconName } from '../Icon/Icon';

const ICON: Record<TileHealth, IconName> = { healthy: 'check', degraded: 'alert', unhealthy: 'x', unknown: 'question' };

export function HealthBadge({ health }: { health: TileHealth }) {
  const meta = HEALTH_META[health];
  return (
    <Badge data-testid="health-badge" data-health={health} color={meta.color} variant="outline" size="sm" radius="sm" leftSection={<Icon name={ICON[health]} size={12} />}>
      {meta.label}
    </Badge>
  );
}
