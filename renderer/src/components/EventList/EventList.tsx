import { Button, Center, Paper, Text } from '@mantine/core';
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
  serverName(id: string): string;
  selectedId: string | undefined;
  onSelect(e: FleetEvent): void;
}

/** A virtualised, infinitely scrolling list: only the visible rows exist in the DOM. */
export function EventList({ items, hasMore, loading, loadMore, onFollowingChange, pending, serverName, selectedId, onSelect }: EventListProps) {
  const parent = useRef<HTMLDivElement>(null);
  // We do not run the React Compiler, so its warning about memoizing TanStack's API does not apply.
  // eslint-disable-next-line react-hooks/incompatible-library
  const v = useVirtualizer({ count: items.length, getScrollElement: () => parent.current, estimateSize: () => ROW, overscan: 20 });
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

  return (
    <Paper withBorder pos="relative">
      {pending > 0 ? (
        <Center pos="absolute" top={6} left={0} right={0} style={{ zIndex: 2 }}>
          <Button size="compact-xs" radius="xl" onClick={jumpToNewest} data-testid="new-events">
            {pending} new event{pending === 1 ? '' : 's'} ↑
          </Button>
        </Center>
      ) : null}
      <div ref={parent} onScroll={onScroll} data-testid="event-list" style={{ height: 'max(320px, calc(100vh - 330px))', overflow: 'auto' }}>
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
              <div key={e.id} style={{ position: 'absolute', top: 0, left: 0, right: 0, height: ROW, transform: `translateY(${row.start}px)` }}>
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
