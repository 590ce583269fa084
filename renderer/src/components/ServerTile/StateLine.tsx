import { Text } from '@mantine/core';
import type { ServerStatus } from '../../../../shared/domain/serverState';
import { describeSilence } from '../../../../shared/domain/silence';
import { useNow } from '../../hooks/useNow';
import { untilText } from '../../lib/format';

const WAITING = new Set<ServerStatus['state']>(['reconnecting', 'offline', 'stale']);

/** The one line under the name that says why a server is in its state (and when it retries). */
export function StateLine({ status: s }: { status: ServerStatus }) {
  const now = useNow();
  let text = s.detail ?? '';
  // "Silent for 42 s, reconnecting in 12 s": how long we have not known, and what happens next.
  const silence = WAITING.has(s.state) ? describeSilence(s, now) : null;
  if (silence) {
    const attempt = s.reconnect ? ` (attempt ${s.reconnect.attempt})` : '';
    text = `${silence[0]!.toUpperCase()}${silence.slice(1)}${attempt}${s.detail ? ` · ${s.detail}` : ''}`;
  } else if (s.state === 'reconnecting' && s.reconnect) {
    const wait = Date.parse(s.reconnect.nextAt) - now;
    const retry = wait > 0 ? `next try in ${untilText(wait)}` : 'trying now';
    text = `Attempt ${s.reconnect.attempt} · ${retry}${s.detail ? ` · ${s.detail}` : ''}`;
  }
  if (!text && s.state === 'live') text = s.stack ? `${s.stack} stack` : '';
  return (
    <Text size="xs" c="dimmed" lineClamp={2} mih={18} data-testid="state-line" style={{ fontVariantNumeric: 'tabular-nums' }}>
      {text || '\u00a0'}
    </Text>
  );
}
