import { Text } from '@mantine/core';
import type { ServerStatus } from '../../../../shared/domain/serverState';
import { useNow } from '../../hooks/useNow';
import { untilText } from '../../lib/format';

/** The one line under the name that says why a server is in its state (and when it retries). */
export function StateLine({ status: s }: { status: ServerStatus }) {
  const now = useNow();
  let text = s.detail ?? '';
  if (s.state === 'reconnecting' && s.reconnect) {
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
