import { Badge, Tooltip } from '@mantine/core';
import type { VerdictLevel } from '../../../../shared/domain/verdict';
import { VERDICT_META } from '../../lib/verdictMeta';
import { Icon } from '../Icon/Icon';

/** A verdict level as colour + icon + word; `acknowledged` adds the word, never hides the level. */
export function VerdictBadge({ level, acknowledged = false, size = 'sm' }: { level: VerdictLevel; acknowledged?: boolean; size?: 'xs' | 'sm' | 'md' | 'lg' }) {
  const meta = VERDICT_META[level];
  return (
    <Tooltip label={meta.hint} withArrow openDelay={300}>
      <Badge data-testid="verdict-badge" data-level={level} color={meta.color} variant="filled" size={size} radius="sm" leftSection={<Icon name={meta.icon} size={12} />}>
        {meta.label}
        {acknowledged ? ' · acknowledged' : ''}
      </Badge>
    </Tooltip>
  );
}
