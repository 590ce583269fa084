import { Text, Tooltip, type TextProps } from '@mantine/core';
import { useNow } from '../../hooks/useNow';
import { absoluteTime, relativeTime } from '../../lib/format';

/** "12 s ago" that ticks, with the absolute local and UTC time on hover. */
export function RelativeTime({ iso, ...props }: { iso: string | null } & TextProps) {
  const now = useNow();
  return (
    <Tooltip label={absoluteTime(iso)} withArrow openDelay={200} disabled={!iso}>
      <Text component="span" size="xs" {...props} style={{ fontVariantNumeric: 'tabular-nums' }}>
        {relativeTime(iso, now)}
      </Text>
    </Tooltip>
  );
}
