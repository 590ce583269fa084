import { Badge } from '@mantine/core';
import type { Severity } from '../../../../shared/domain/fleetEvent';

export const SEVERITY_COLOR: Record<Severity, string> = { debug: 'gray', info: 'blue', warning: 'yellow', error: 'orange', critical: 'red' };

export function SeverityBadge({ severity }: { severity: Severity }) {
  return (
    <Badge data-testid="severity-badge" color={SEVERITY_COLOR[severity]} variant={severity === 'critical' ? 'filled' : 'light'} size="xs" radius="sm" w={62}>
      {severity}
    </Badge>
  );
}
