import { Badge } from '@mantine/core';
import type { Severity } from '../../../../shared/domain/fleetEvent';

export const SEVERITY_COLOR: Record<Severity, string> = { debug: 'gray', info: 'blue', warning: 'yellow', error: 'orange', critical: 'red' };

/**
 * A minimum width keeps badges in a column lined up; never a fixed one: Mantine cuts a badge's label
 * with an ellipsis, and a 62 px badge read "WAR…". It never shrinks below its word in a flex row either.
 */
export function SeverityBadge({ severity }: { severity: Severity }) {
  return (
    <Badge data-testid="severity-badge" color={SEVERITY_COLOR[severity]} variant={severity === 'critical' ? 'filled' : 'light'} size="xs" radius="sm" miw={62} style={{ flexShrink: 0 }}>
      {severity}
    </Badge>
  );
}
