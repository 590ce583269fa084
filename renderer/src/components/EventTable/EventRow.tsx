import { Badge, Group, Text, Tooltip } from '@mantine/core';
import { memo } from 'react';
import type { FleetEvent } from '../../../../shared/domain/fleetEvent';
import { absoluteTime, clockTime } from '../../lib/format';
import { SeverityBadge } from '../SeverityBadge/SeverityBadge';

/** One event as a dense row. All server-provided text is rendered as text, never as HTML. */
export const EventRow = memo(function EventRow({ event: e, serverName, selected = false, onSelect }: { event: FleetEvent; serverName: string; selected?: boolean; onSelect(e: FleetEvent): void }) {
  return (
    <Group
      data-testid="event-row"
      data-event-id={e.id}
      data-selected={selected}
      role="button"
      tabIndex={0}
      onClick={() => onSelect(e)}
      onKeyDown={(k) => {
        if (k.key === 'Enter' || k.key === ' ') {
          k.preventDefault();
          onSelect(e);
        }
      }}
      gap="xs"
      wrap="nowrap"
      px="xs"
      h="100%"
      style={{ borderBottom: '1px solid var(--mantine-color-default-border)', cursor: 'pointer', background: selected ? 'var(--mantine-color-default-hover)' : undefined }}
    >
      <Tooltip label={absoluteTime(e.occurredAt)} openDelay={300}>
        <Text size="xs" w={118} style={{ flex: 'none', fontVariantNumeric: 'tabular-nums' }}>
          {clockTime(e.occurredAt)}
        </Text>
      </Tooltip>
      <Text size="xs" w={140} truncate style={{ flex: 'none' }} data-testid="event-server">
        {serverName}
      </Text>
      <SeverityBadge severity={e.severity} />
      <Text size="xs" w={78} c="dimmed" style={{ flex: 'none' }}>
        {e.category}
      </Text>
      <Text size="xs" w={170} ff="monospace" truncate style={{ flex: 'none' }} data-testid="event-type">
        {e.type}
      </Text>
      <Text size="xs" truncate style={{ flex: 1, minWidth: 0 }} data-testid="event-title" title={e.summary ? `${e.title}\n${e.summary}` : e.title}>
        {e.title}
      </Text>
      {e.derived ? (
        <Tooltip label="Derived by this app from REST snapshots (the server does not push this event)">
          <Badge size="xs" variant="outline" color="gray" style={{ flex: 'none' }}>
            derived
          </Badge>
        </Tooltip>
      ) : null}
    </Group>
  );
});
