import { Paper, Title } from '@mantine/core';
import { useCallback } from 'react';
import { useFleet } from '../../hooks/useFleet';
import { QueryAnalyticsPanel } from './QueryAnalyticsPanel';

/** The fleet-wide analytics section: every server's QPS baseline state, fleet top lists and ratios. */
export function FleetAnalytics() {
  const { servers } = useFleet();
  const nameOf = useCallback((id: string) => servers.find((s) => s.serverId === id)?.name ?? id, [servers]);
  return (
    <Paper withBorder p="sm" component="section" aria-labelledby="fleet-analytics-title">
      <Title order={2} size="h4" id="fleet-analytics-title" mb="xs">
        Query analytics (whole fleet)
      </Title>
      <QueryAnalyticsPanel serverId={null} nameOf={nameOf} />
    </Paper>
  );
}
