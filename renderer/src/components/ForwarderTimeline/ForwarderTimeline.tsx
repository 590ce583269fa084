import { Box, Group, Paper, Stack, Text } from '@mantine/core';
import type { ForwarderHistory, ForwarderSpan, ForwarderTimeline as Timeline } from '../../../../shared/domain/history';
import type { ForwarderStatus } from '../../../../shared/domain/serverState';
import { formatTime } from '../HistoryChart/annotationMeta';
import { Icon, type IconName } from '../Icon/Icon';

/** Colour with an icon and a word: a status is never told by colour alone. */
export const FORWARDER_LOOK: Record<ForwarderStatus, { color: string; mantine: string; icon: IconName; word: string }> = {
  healthy: { color: 'var(--mantine-color-green-8)', mantine: 'green', icon: 'check', word: 'healthy' },
  degraded: { color: 'var(--mantine-color-yellow-8)', mantine: 'yellow', icon: 'alert', word: 'degraded' },
  unhealthy: { color: 'var(--mantine-color-red-8)', mantine: 'red', icon: 'x', word: 'unhealthy' },
  unknown: { color: 'var(--mantine-color-gray-6)', mantine: 'gray', icon: 'question', word: 'unknown' },
  disabled: { color: 'var(--mantine-color-gray-5)', mantine: 'gray', icon: 'pause', word: 'disabled' },
};

const minutes = (ms: number) => (ms >= 3_600_000 ? `${(ms / 3_600_000).toFixed(1)} h` : `${Math.max(1, Math.round(ms / 60_000))} min`);

/** "unhealthy 4 min, unknown 2 min": the time spent in each status other than healthy. */
function summary(spans: readonly ForwarderSpan[]): string {
  const total = new Map<ForwarderStatus, number>();
  for (const s of spans) total.set(s.status, (total.get(s.status) ?? 0) + s.toMs - s.fromMs);
  const parts = [...total].filter(([status]) => status !== 'healthy').map(([status, ms]) => `${status} ${minutes(ms)}`);
  return parts.length === 0 ? 'healthy throughout' : parts.join(', ');
}

function Row({ f, history }: { f: Timeline; history: ForwarderHistory }) {
  const { fromMs, toMs, range } = history.window;
  const width = Math.max(1, toMs - fromMs);
  return (
    <Stack gap={2} data-testid="forwarder-timeline" data-forwarder={f.name}>
      <Group justify="space-between" gap="xs">
        <Text size="xs" fw={600}>
          {f.name}
        </Text>
        <Text size="xs" c="dimmed">
          {summary(f.spans)} · latency {f.latencyMs === null ? 'not reported by this server' : `${f.latencyMs} ms`}
        </Text>
      </Group>
      <Box style={{ position: 'relative', height: 18, borderRadius: 3, overflow: 'hidden', background: 'var(--mantine-color-default-border)' }} role="list" aria-label={`${f.name} status over the range`}>
        {f.spans.map((s, i) => {
          const look = FORWARDER_LOOK[s.status];
          const text = `${look.word} from ${formatTime(s.fromMs, range)} to ${formatTime(s.toMs, range)}`;
          return (
            <Box
              key={i}
              role="listitem"
              aria-label={text}
              title={text}
              data-testid="forwarder-span"
              data-status={s.status}
              style={{ position: 'absolute', top: 0, bottom: 0, left: `${((s.fromMs - fromMs) / width) * 100}%`, width: `${((s.toMs - s.fromMs) / width) * 100}%`, background: look.color, color: 'white', display: 'flex', alignItems: 'center', paddingLeft: 2 }}
            >
              <Icon name={look.icon} size={12} />
            </Box>
          );
        })}
      </Box>
    </Stack>
  );
}

/** Each forwarder's health over the range as a timeline (from the core's forwarder history). */
export function ForwarderTimelines({ history }: { history: ForwarderHistory | null }) {
  return (
    <Paper withBorder p="xs" radius="sm" data-testid="forwarder-history">
      <Text size="xs" fw={600} mb={4}>
        Forwarder health over the range
      </Text>
      {!history ? (
        <Text size="xs" c="dimmed">
          Loading…
        </Text>
      ) : history.forwarders.length === 0 ? (
        <Text size="xs" c="dimmed">
          No forwarders recorded for this server.
        </Text>
      ) : (
        <Stack gap="xs">
          {history.forwarders.map((f) => (
            <Row key={f.forwarderId} f={f} history={history} />
          ))}
          <Group gap="sm">
            {(['healthy', 'degraded', 'unhealthy', 'unknown'] as const).map((s) => (
              <Group key={s} gap={4} style={{ color: FORWARDER_LOOK[s].color }}>
                <Icon name={FORWARDER_LOOK[s].icon} size={12} />
                <Text size="xs" c="var(--mantine-color-text)">
                  {FORWARDER_LOOK[s].word}
                  {s === 'unknown' ? ' (no health data from the server)' : ''}
                </Text>
              </Group>
            ))}
          </Group>
        </Stack>
      )}
    </Paper>
  );
}
