import { Group, Paper, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { coverageText, missingText, type FleetTotals } from '../../../../shared/domain/fleetTotals';
import { VERDICT_DISPLAY_ORDER, type FleetVerdict } from '../../../../shared/domain/verdict';
import { relativeTime } from '../../lib/format';
import { useNow } from '../../hooks/useNow';
import { SeverityBadge } from '../SeverityBadge/SeverityBadge';
import { VerdictBadge } from '../VerdictBadge/VerdictBadge';

/** Totals older than this are labelled with their age: the strip never passes old sums off as now. */
const STALE_AFTER_MS = 15_000;
const NUMBER = new Intl.NumberFormat(undefined, { maximumFractionDigits: 0 });
const ALERT_LEVELS = ['critical', 'error', 'warning', 'info'] as const;

/** The fleet strip: the core's totals (fleet:getTotals) as they are, with what they cover in words. */
export function FleetStrip({ totals, error, verdict }: { totals: FleetTotals | null; error: string | null; verdict: FleetVerdict | null }) {
  const now = useNow();
  if (!totals) return error ? <Text size="xs" c="red">Fleet totals unavailable: {error}</Text> : null;
  const old = now - Date.parse(totals.at) > STALE_AFTER_MS;
  const alerts = ALERT_LEVELS.filter((l) => totals.alerts[l] > 0);
  return (
    <Paper withBorder p="xs" radius="sm" data-testid="fleet-strip" aria-label="Fleet totals" component="section">
      <Group gap="lg" wrap="wrap" align="flex-start">
        <Figure label="Queries / s" testId="strip-qps" value={totals.qps.value === null ? 'unknown' : NUMBER.format(totals.qps.value)} note={coverage(totals, totals.qps.from)} />
        <Figure label="Blocked today" testId="strip-blocked" value={totals.blocked.percent === null ? 'unknown' : `${totals.blocked.percent.toFixed(1)} %`} note={coverage(totals, totals.blocked.from)} />
        <Figure
          label="Open alerts"
          testId="strip-alerts"
          value={
            alerts.length === 0 ? (
              'none'
            ) : (
              <Group gap={6} component="span">
                {alerts.map((l) => (
                  <Group key={l} gap={3} component="span" data-testid="strip-alert-count" data-severity={l}>
                    <SeverityBadge severity={l} />
                    <b style={{ fontVariantNumeric: 'tabular-nums' }}>{totals.alerts[l]}</b>
                  </Group>
                ))}
              </Group>
            )
          }
          note={alerts.length ? `${totals.alerts.unhandled} not acknowledged or snoozed` : null}
        />
        <Figure label="Servers" testId="verdict-counts" value={<VerdictCounts fleet={verdict ?? totals.verdict} />} note={null} wide />
      </Group>
      {old ? (
        <Text size="xs" c="dimmed" mt={4} data-testid="strip-age">
          Totals as of {relativeTime(totals.at, now)}
        </Text>
      ) : null}
    </Paper>
  );
}

function coverage(t: FleetTotals, from: number): string {
  const missing = missingText(t, from);
  return `${coverageText(from, t.watched)}${missing ? ` (${missing})` : ''}`;
}

function Figure({ label, value, note, testId, wide = false }: { label: string; value: ReactNode; note: string | null; testId: string; wide?: boolean }) {
  return (
    <Stack gap={0} data-testid={testId} maw={wide ? undefined : 250}>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text size="lg" fw={700} component="div" style={{ fontVariantNumeric: 'tabular-nums' }} data-testid={`${testId}-value`}>
        {value}
      </Text>
      {note ? (
        <Text size="xs" c="dimmed" data-testid={`${testId}-note`}>
          {note}
        </Text>
      ) : null}
    </Stack>
  );
}

/** Servers at each verdict level, problems first: the core's pushed counts (they change before the next totals). */
function VerdictCounts({ fleet }: { fleet: FleetVerdict }) {
  const shown = VERDICT_DISPLAY_ORDER.filter((l) => fleet.counts[l] > 0);
  if (shown.length === 0) return <>none</>;
  return (
    <Group gap="xs" component="span">
      {shown.map((level) => (
        <Group key={level} gap={4} component="span" data-testid="verdict-count" data-level={level}>
          <VerdictBadge level={level} size="xs" />
          <Text size="sm" fw={700} component="span" style={{ fontVariantNumeric: 'tabular-nums' }} data-testid="verdict-count-value">
            {fleet.counts[level]}
          </Text>
        </Group>
      ))}
    </Group>
  );
}
