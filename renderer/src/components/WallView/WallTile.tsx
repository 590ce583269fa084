import { UnstyledButton } from '@mantine/core';
import { memo } from 'react';
import type { ServerStatus } from '../../../../shared/domain/serverState';
import type { ServerVerdict } from '../../../../shared/domain/verdict';
import { VERDICT_META } from '../../lib/verdictMeta';
import { Icon } from '../Icon/Icon';

const LINE = { margin: 0, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap', lineHeight: 1.2 } as const;

/**
 * One server on the wall: verdict colour, icon and word, the name, the core's first reason. Sized in
 * ems of the grid's type, so the layout's font size scales everything in it.
 */
export const WallTile = memo(function WallTile({ status: s, verdict, fontPx, onOpen }: { status: ServerStatus; verdict: ServerVerdict | undefined; fontPx: number; onOpen(id: string): void }) {
  const meta = verdict ? VERDICT_META[verdict.level] : null;
  const color = meta?.color ?? 'gray';
  const reason = verdict?.reasons[0] ?? (verdict ? '' : 'no verdict yet');
  return (
    <li data-testid="server-tile" data-density="wall" data-server-id={s.serverId} data-verdict={verdict?.level ?? 'none'} style={{ minWidth: 0 }}>
      <UnstyledButton
        onClick={() => onOpen(s.serverId)}
        style={{ display: 'flex', flexDirection: 'column', justifyContent: 'center', gap: '0.15em', width: '100%', height: '100%', padding: '0.3em 0.5em', boxSizing: 'border-box', fontSize: '1em', borderRadius: 6, background: `var(--mantine-color-${color}-light)`, borderLeft: `0.35em solid var(--mantine-color-${color}-filled)` }}
      >
        <span data-testid="wall-tile-level" style={{ ...LINE, display: 'flex', alignItems: 'center', gap: '0.3em', fontWeight: 800, color: `var(--mantine-color-${color}-light-color)` }}>
          {meta ? <Icon name={meta.icon} size={Math.round(fontPx)} /> : null}
          {meta?.label ?? 'Unknown'}
          {verdict?.acknowledged ? ' · ack' : ''}
        </span>
        <span data-testid="server-name" style={{ ...LINE, fontWeight: 700 }}>
          {s.name}
        </span>
        <span data-testid="verdict-reason" style={{ ...LINE, fontSize: '0.8em' }}>
          {reason || '\u00a0'}
        </span>
      </UnstyledButton>
    </li>
  );
});
