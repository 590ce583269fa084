import { List, Text } from '@mantine/core';
import type { ServerVerdict } from '../../../../shared/domain/verdict';

const SHOWN = 3;

/** The verdict's reasons in the core's words, most important first; the rest on the detail page. */
export function VerdictReasons({ verdict }: { verdict: ServerVerdict | undefined }) {
  if (!verdict || verdict.reasons.length === 0) return null;
  const more = verdict.reasons.length - SHOWN;
  return (
    <List size="xs" spacing={0} data-testid="verdict-reasons" style={{ listStyle: 'none', paddingLeft: 0 }}>
      {verdict.reasons.slice(0, SHOWN).map((r, i) => (
        <List.Item key={i} data-testid="verdict-reason">
          <Text size="xs" lineClamp={1} title={r}>
            {r}
          </Text>
        </List.Item>
      ))}
      {more > 0 ? (
        <Text size="xs" c="dimmed">
          and {more} more
        </Text>
      ) : null}
    </List>
  );
}
