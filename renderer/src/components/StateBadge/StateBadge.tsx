import { Badge, Tooltip } from '@mantine/core';
import type { ServerState } from '../../../../shared/domain/serverState';
import { STATE_META } from '../../lib/stateMeta';
import { Icon } from '../Icon/Icon';

/** A server's connection state: colour + icon + words, with what it means on hover. */
export function StateBadge({ state, size = 'sm' }: { state: ServerState; size?: 'xs' | 'sm' | 'md' | 'lg' }) {
  const meta = STATE_META[state];
  return (
    <Tooltip label={meta.hint} withArrow openDelay={300}>
      <Badge data-testid="state-badge" data-state={state} color={meta.color} variant="light" size={size} radius="sm" leftSection={<Icon name={meta.icon} size={12} />}>
        {meta.label}
      </Badge>
    </Tooltip>
  );
}
