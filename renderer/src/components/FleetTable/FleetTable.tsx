import { Anchor, Table, Text } from '@mantine/core';
import { memo } from 'react';
import type { ServerStatus } from '../../../../shared/domain/serverState';
import type { ServerVerdict } from '../../../../shared/domain/verdict';
import { forwarderCounts } from '../../lib/format';
import type { ServerGroup } from '../../lib/fleetView';
import { RelativeTime } from '../RelativeTime/RelativeTime';
import { StateBadge } from '../StateBadge/StateBadge';
import { VerdictBadge } from '../VerdictBadge/VerdictBadge';

export interface FleetTableProps {
  groups: readonly ServerGroup[];
  verdicts: ReadonlyMap<string, ServerVerdict>;
  onOpen(id: string): void;
}

/**
 * One line per server, for a fleet of hundreds: rows are plain text (no chart, no per-row request),
 * so 200 rows render at once without virtualising, and the browser's find and screen readers see them all.
 */
export function FleetTable({ groups, verdicts, onOpen }: FleetTableProps) {
  return (
    <Table data-testid="fleet-table" striped highlightOnHover stickyHeader>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Verdict</Table.Th>
          <Table.Th>Server</Table.Th>
          <Table.Th>Why</Table.Th>
          <Table.Th>Connection</Table.Th>
          <Table.Th>Forwarders</Table.Th>
          <Table.Th>BIND</Table.Th>
          <Table.Th>Last data</Table.Th>
          <Table.Th>Group · tags</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {groups.map((g) => [
          g.label ? (
            <Table.Tr key={`group-${g.key}`} data-testid="fleet-group-row">
              <Table.Th colSpan={8} scope="colgroup">
                {g.label} ({g.servers.length})
              </Table.Th>
            </Table.Tr>
          ) : null,
          ...g.servers.map((s) => <ServerRow key={`${g.key}/${s.serverId}`} status={s} verdict={verdicts.get(s.serverId)} onOpen={onOpen} />),
        ])}
      </Table.Tbody>
    </Table>
  );
}

const ServerRow = memo(function ServerRow({ status: s, verdict, onOpen }: { status: ServerStatus; verdict: ServerVerdict | undefined; onOpen(id: string): void }) {
  const fw = forwarderCounts(s);
  const live = s.state === 'live';
  return (
    <Table.Tr data-testid="server-row" data-server-id={s.serverId} data-verdict={verdict?.level ?? 'none'}>
      <Table.Td>{verdict ? <VerdictBadge level={verdict.level} acknowledged={verdict.acknowledged} size="xs" /> : <Text size="xs">no verdict yet</Text>}</Table.Td>
      <Table.Td>
        <Anchor component="button" size="xs" fw={600} onClick={() => onOpen(s.serverId)} aria-label={`Open ${s.name}`}>
          {s.name}
        </Anchor>
      </Table.Td>
      <Table.Td maw={320}>
        <Text size="xs" truncate title={verdict?.reasons.join('\n')}>
          {verdict?.reasons[0] ?? ''}
        </Text>
      </Table.Td>
      <Table.Td>
        <StateBadge state={s.state} />
      </Table.Td>
      <Table.Td style={{ fontVariantNumeric: 'tabular-nums' }}>
        {fw.healthy}/{fw.total}
        {live ? '' : ' (last known)'}
      </Table.Td>
      <Table.Td>{s.bindRunning === null ? 'unknown' : s.bindRunning ? 'running' : 'stopped'}</Table.Td>
      <Table.Td>
        <RelativeTime iso={s.lastDataAt} />
      </Table.Td>
      <Table.Td>
        <Text size="xs" truncate maw={200}>
          {[s.group, ...(s.tags ?? [])].filter(Boolean).join(' · ')}
        </Text>
      </Table.Td>
    </Table.Tr>
  );
});
