import { Paper } from '@mantine/core';
import { useProbes } from '../../hooks/useProbes';
import { ProbeTable } from './ProbeTable';

/** The server page's "Probes" tab: what this monitor's own DNS probes of the server found. */
export function ProbesPanel({ serverId }: { serverId: string }) {
  const view = useProbes(serverId);
  return (
    <Paper withBorder p="xs" data-testid="probes-panel">
      <ProbeTable view={view} />
    </Paper>
  );
}
