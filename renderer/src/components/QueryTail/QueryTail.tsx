import { Anchor, Button, Checkbox, Group, Paper, Stack, Text, TextInput } from '@mantine/core';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useMemo, useRef, useState } from 'react';
import { TAIL_ROWS, useQueryTail } from '../../hooks/useQueryTail';
import { routeHref } from '../../hooks/useRoute';
import { historyQuery, type TailFilter } from '../../lib/queryTail';
import { Sparkline } from '../Sparkline/Sparkline';
import { QueryRow } from './QueryRow';

const ROW = 28;

/**
 * The live query tail of one server (issue 18): the query samples the server pushes, newest first,
 * with filters, a pause and the rate they arrive at. It says plainly that this is a sample.
 */
export function QueryTail({ serverId, stack }: { serverId: string; stack: 'legacy' | 'unified' | null }) {
  const [client, setClient] = useState('');
  const [domain, setDomain] = useState('');
  const [blockedOnly, setBlockedOnly] = useState(false);
  const filter = useMemo<TailFilter>(() => ({ client, domain, blockedOnly }), [client, domain, blockedOnly]);
  const tail = useQueryTail(serverId, filter);
  // The last whole second: the current one is still filling.
  const now = tail.rate.at(-2)?.v ?? 0;
  return (
    <Stack gap="xs" data-testid="query-tail">
      <Text size="xs" c="dimmed" data-testid="query-tail-note">
        The server sends one sample for every 10th query in its log, and rate-limits them: this is a sample of the traffic, not a full query
        log. The newest {TAIL_ROWS} samples are kept here; filters apply to those.
        {stack === 'legacy' ? ' This server is connected over the legacy stack, which sends no query samples.' : ''}
      </Text>
      <Group gap="sm" align="flex-end" wrap="wrap">
        <TextInput
          label="Client"
          placeholder="10.0.4.17"
          value={client}
          onChange={(e) => setClient(e.currentTarget.value)}
          w={150}
          data-testid="tail-client"
        />
        <TextInput
          label="Domain contains"
          placeholder="example"
          value={domain}
          onChange={(e) => setDomain(e.currentTarget.value)}
          w={180}
          data-testid="tail-domain"
        />
        <Checkbox
          label="Blocked only"
          checked={blockedOnly}
          onChange={(e) => setBlockedOnly(e.currentTarget.checked)}
          size="xs"
          mb={6}
          data-testid="tail-blocked"
        />
        <Button
          size="xs"
          variant="default"
          onClick={() => tail.setPaused(!tail.paused)}
          aria-pressed={tail.paused}
          data-testid="tail-pause"
        >
          {tail.paused ? 'Resume' : 'Pause'}
        </Button>
        <Anchor size="xs" href={routeHref({ page: 'events', query: historyQuery(serverId, filter) })} mb={6} data-testid="tail-history">
          Same filter over history
        </Anchor>
        <Group gap={6} ml="auto" wrap="nowrap">
          <Sparkline
            points={tail.rate}
            color="var(--mantine-color-blue-6)"
            width={160}
            height={28}
            label="Samples received per second, last minute"
          />
          <Text size="xs" data-testid="tail-rate" style={{ fontVariantNumeric: 'tabular-nums' }}>
            {now} samples/s
          </Text>
        </Group>
      </Group>
      <Text size="xs" c="dimmed" data-testid="tail-state" aria-live="polite">
        {tail.paused
          ? `Paused: ${tail.arrivedWhilePaused} new sample${tail.arrivedWhilePaused === 1 ? '' : 's'} since`
          : `${tail.rows.length} shown, newest first`}
      </Text>
      <TailRows tail={tail} />
    </Stack>
  );
}

function TailRows({ tail }: { tail: ReturnType<typeof useQueryTail> }) {
  const parent = useRef<HTMLDivElement>(null);
  // We do not run the React Compiler, so its warning about memoizing TanStack's API does not apply.
  // eslint-disable-next-line react-hooks/incompatible-library
  const v = useVirtualizer({ count: tail.rows.length, getScrollElement: () => parent.current, estimateSize: () => ROW, overscan: 10 });
  return (
    <Paper withBorder>
      <div ref={parent} data-testid="query-list" style={{ height: 'max(280px, calc(100vh - 420px))', overflow: 'auto' }}>
        {tail.rows.length === 0 ? (
          <Text size="xs" c="dimmed" p="sm">
            {tail.loading ? 'Loading…' : 'No query samples match yet.'}
          </Text>
        ) : null}
        <div style={{ height: v.getTotalSize(), position: 'relative' }}>
          {v.getVirtualItems().map((row) => {
            const s = tail.rows[row.index];
            if (!s) return null;
            return (
              <div
                key={s.id}
                style={{ position: 'absolute', top: 0, left: 0, right: 0, height: ROW, transform: `translateY(${row.start}px)` }}
              >
                <QueryRow sample={s} />
              </div>
            );
          })}
        </div>
      </div>
    </Paper>
  );
}
