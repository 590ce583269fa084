import { Badge, Table, Text } from '@mantine/core';
import type { ProbeResult, ServerProbes } from '../../../../shared/domain/probe';
import { RelativeTime } from '../RelativeTime/RelativeTime';

/** The core's judgement of one probe, as a badge: answered as it should be, answered wrongly, no answer, not configured. */
function ProbeBadge({ r }: { r: ProbeResult }) {
  if (r.outcome === 'not-configured')
    return (
      <Badge size="xs" variant="light" color="gray">
        not configured
      </Badge>
    );
  if (r.outcome !== 'answered')
    return (
      <Badge size="xs" variant="filled" color="red">
        no answer
      </Badge>
    );
  return r.healthy ? (
    <Badge size="xs" variant="filled" color="green">
      ok
    </Badge>
  ) : (
    <Badge size="xs" variant="light" color="orange">
      wrong answer
    </Badge>
  );
}

const PROBE_LABEL: Record<ProbeResult['kind'], string> = {
  soa: 'SOA',
  internal: 'Internal forwarder',
  public: 'Public forwarder',
  blocked: 'Blocked name (RPZ)',
};

/** Last result, latency and response code of each probe of one server; says "not probed yet" until the first set. */
export function ProbeTable({ view }: { view: ServerProbes | null }) {
  if (!view) return <Text size="sm">Loading probes…</Text>;
  if (!view.target)
    return (
      <Text size="sm" data-testid="probes-off">
        Not probed: {view.unprobed ?? 'DNS probes are off for this server.'}
      </Text>
    );
  const header = (
    <Text size="xs" c="dimmed" data-testid="probe-target">
      {view.target} · every {Math.round(view.intervalMs / 1000)} s · last set{' '}
      {view.lastSetAt ? <RelativeTime iso={view.lastSetAt} /> : 'never'}
    </Text>
  );
  if (!view.lastSetAt)
    return (
      <>
        {header}
        <Text size="sm" data-testid="probes-not-yet">
          Not probed yet: the first probe set runs within one interval.
        </Text>
      </>
    );
  return (
    <>
      {header}
      <Table striped data-testid="probe-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Probe</Table.Th>
            <Table.Th>Name</Table.Th>
            <Table.Th>Result</Table.Th>
            <Table.Th>Latency</Table.Th>
            <Table.Th>Rcode</Table.Th>
            <Table.Th>Detail</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {view.results.map((r) => (
            <Table.Tr key={r.probe} data-testid="probe-row" data-probe={r.probe} data-outcome={r.outcome}>
              <Table.Td>{r.kind === 'soa' ? `SOA ${r.name}` : PROBE_LABEL[r.kind]}</Table.Td>
              <Table.Td>{r.name || '—'}</Table.Td>
              <Table.Td>
                <ProbeBadge r={r} />
              </Table.Td>
              <Table.Td style={{ fontVariantNumeric: 'tabular-nums' }}>
                {r.latencyMs === null ? '—' : `${r.latencyMs < 10 ? r.latencyMs.toFixed(1) : Math.round(r.latencyMs)} ms`}
              </Table.Td>
              <Table.Td>{r.rcode ?? '—'}</Table.Td>
              <Table.Td>
                <Text size="xs" data-testid="probe-detail">
                  {r.detail}
                </Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </>
  );
}
