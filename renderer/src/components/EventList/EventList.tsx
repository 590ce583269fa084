import { Button, Center, Group, Paper, Text } from '@mantine/core';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef } from 'react';
import type { FleetEvent } from '../../../../shared/domain/fleetEvent';
import { EventRow } from '../EventTable/EventRow';

const ROW = 28;

export interface EventListProps {
  items: readonly FleetEvent[];
  hasMore: boolean;
  loading: boolean;
  loadMore(): void;
  /** Told whether the newest rows are in view (live arrivals are prepended only then). */
  onFollowingChange(following: boolean): void;
  pending: number;
  /** The user's pause: arrivals are counted, not shown, until resumed. */
  paused: boolean;
  onPausedChange(paused: boolean): void;
  serverName(id: string): string;
  selectedId: string | undefined;
  onSelect(e: FleetEvent): void;
}

/** A virtualised, infinitely scrolling list: only the visible rows exist in the DOM. */
export function EventList({
  items,
  hasMore,
  loading,
  loadMore,
  onFollowingChange,
  pending,
  paused,
  onPausedChange,
  serverName,
  selectedId,
  onSelect,
}: EventListProps) {
  const parent = useRef<HTMLDivElement>(null);
  // We do not run the React Compiler, so its warning about memoizing TanStack's API does not apply.
  // eslint-disable-next-line react-hooks/incompatible-library
  const v = useVirtualizer({ count: items.length, getScrollElement: () => parent.current, estimateSize: () => ROW, overscan: 8 });
  const virtual = v.getVirtualItems();
  const lastIndex = virtual.at(-1)?.index ?? 0;

  useEffect(() => {
    if (hasMore && !loading && lastIndex >= items.length - 30) loadMore();
  }, [hasMore, loading, lastIndex, items.length, loadMore]);

  const onScroll = () => onFollowingChange((parent.current?.scrollTop ?? 0) < ROW);
  const jumpToNewest = () => {
    parent.current?.scrollTo({ top: 0 });
    onFollowingChange(true);
  };

  const plural = pending === 1 ? '' : 's';
  return (
    <Paper withBorder pos="relative">
      <Group justify="space-between" px="xs" py={4} style={{ borderBottom: '1px solid var(--mantine-color-default-border)' }}>
        <Text size="xs" c="dimmed" data-testid="live-state" aria-live="polite">
          {paused
            ? `Live list paused${pending > 0 ? `: ${pending} new event${plural} waiting` : ''}`
            : 'Live: new events appear at the top'}
        </Text>
        <Button size="compact-xs" variant="default" onClick={() => onPausedChange(!paused)} data-testid="pause-live" aria-pressed={paused}>
          {paused ? 'Resume' : 'Pause'}
        </Button>
      </Group>
      {pending > 0 && !paused ? (
        <Center pos="absolute" top={40} left={0} right={0} style={{ zIndex: 2 }}>
          <Button size="compact-xs" radius="xl" onClick={jumpToNewest} data-testid="new-events">
            {pending} new event{plural}, paused while you scroll ↑
          </Button>
        </Center>
      ) : null}
      <div
        ref={parent}
        onScroll={onScroll}
        data-testid="event-list"
        style={{ height: 'max(320px, calc(100vh - 330px))', overflow: 'auto' }}
      >
        {items.length === 0 ? (
          <Text size="xs" c="dimmed" p="sm">
            {loading ? 'Loading…' : 'No events match these filters.'}
          </Text>
        ) : null}
        <div style={{ height: v.getTotalSize(), position: 'relative' }}>
          {virtual.map((row) => {
            const e = items[row.index];
            if (!e) return null;
            return (
              <div
                key={e.id}
                style={{ position: 'absolute', top: 0, left: 0, right: 0, height: ROW, transform: `translateY(${row.start}px)` }}
              >
                <EventRow event={e} serverName={serverName(e.serverId)} selected={e.id === selectedId} onSelect={onSelect} />
              </div>
            );
          })}
        </div>
        {loading && items.length > 0 ? (
          <Text size="xs" c="dimmed" ta="center" p={4}>
            Loading older events…
          </Text>
        ) : null}
      </div>
    </Paper>
  );
}
