import { Badge, Group, Text } from '@mantine/core';
import { memo } from 'react';
import { clockTime } from '../../lib/format';
import type { QuerySample } from '../../lib/queryTail';

/** "0.0" from the server means it did not measure (BIND's query log has no timing). */
function responseTime(t: number | null): string {
  if (t === null) return 'not sent';
  if (t === 0) return 'not measured';
  return `${t} ms`;
}

/** One query sample as a dense row. Server-provided strings are rendered as text, never as HTML. */
export const QueryRow = memo(function QueryRow({ sample: s }: { sample: QuerySample }) {
  return (
    <Group
      data-testid="query-row"
      data-blocked={s.blocked}
      gap="xs"
      wrap="nowrap"
      px="xs"
      h="100%"
      style={{ borderBottom: '1px solid var(--mantine-color-default-border)' }}
    >
      <Text size="xs" w={118} style={{ flex: 'none', fontVariantNumeric: 'tabular-nums' }}>
        {clockTime(s.occurredAt)}
      </Text>
      <Badge size="xs" w={68} color={s.blocked ? 'red' : 'gray'} variant={s.blocked ? 'filled' : 'light'} style={{ flex: 'none' }}>
        {s.blocked ? 'blocked' : 'allowed'}
      </Badge>
      <Text size="xs" ff="monospace" w={52} style={{ flex: 'none' }} data-testid="query-type">
        {s.queryType || '?'}
      </Text>
      <Text size="xs" truncate style={{ flex: 1, minWidth: 0 }} data-testid="query-domain" title={s.domain}>
        {s.domain || '(no domain)'}
      </Text>
      <Text size="xs" ff="monospace" w={130} truncate style={{ flex: 'none' }} data-testid="query-client" title={s.client}>
        {s.client || '?'}
      </Text>
      <Text size="xs" c="dimmed" w={92} ta="right" style={{ flex: 'none' }}>
        {responseTime(s.responseTime)}
      </Text>
    </Group>
  );
});
