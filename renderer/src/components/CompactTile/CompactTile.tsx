import { Card, Group, Text, UnstyledButton } from '@mantine/core';
import { memo } from 'react';
import type { ServerStatus } from '../../../../shared/domain/serverState';
import type { ServerVerdict } from '../../../../shared/domain/verdict';
import { VERDICT_META } from '../../lib/verdictMeta';
import { VerdictBadge } from '../VerdictBadge/VerdictBadge';

/** A server in two lines: the verdict (colour, icon, word), the name, and the core's first reason. */
export const CompactTile = memo(function CompactTile({ status: s, verdict, onOpen }: { status: ServerStatus; verdict: ServerVerdict | undefined; onOpen(id: string): void }) {
  const color = verdict ? VERDICT_META[verdict.level].color : 'gray';
  const reason = verdict?.reasons[0] ?? (verdict ? '' : 'No verdict yet');
  return (
    <Card data-testid="server-tile" data-density="compact" data-server-id={s.serverId} data-state={s.state} data-verdict={verdict?.level ?? 'none'} withBorder padding={6} radius="sm" style={{ borderLeft: `4px solid var(--mantine-color-${color}-filled)` }}>
      <Group gap={6} wrap="nowrap" justify="space-between">
        <UnstyledButton onClick={() => onOpen(s.serverId)} style={{ minWidth: 0 }} aria-label={`Open ${s.name}`}>
          <Text fw={600} size="sm" truncate data-testid="server-name">
            {s.name}
          </Text>
        </UnstyledButton>
        {verdict ? <VerdictBadge level={verdict.level} acknowledged={verdict.acknowledged} size="xs" /> : null}
      </Group>
      <Text size="xs" c="dimmed" truncate title={reason} data-testid="verdict-reason">
        {reason || '\u00a0'}
      </Text>
    </Card>
  );
});
