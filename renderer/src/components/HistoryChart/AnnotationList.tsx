import { Badge, Group, Paper, Stack, Text } from '@mantine/core';
import type { ChartAnnotation, HistoryRange } from '../../../../shared/domain/history';
import { ANNOTATION_META, formatSpan } from './annotationMeta';

/** The chart annotations as text: what each line or shading means, readable without a pointer. */
export function AnnotationList({ annotations, range, omitted }: { annotations: readonly ChartAnnotation[]; range: HistoryRange; omitted: number }) {
  return (
    <Paper withBorder p="xs" radius="sm" data-testid="annotation-list">
      <Text size="xs" fw={600} mb={4}>
        What happened in this range
      </Text>
      {annotations.length === 0 ? (
        <Text size="xs" c="dimmed">
          No reloads, restarts, configuration or zone changes, maintenance or connection gaps recorded.
        </Text>
      ) : (
        <Stack gap={2}>
          {annotations.map((a, i) => (
            <Group key={i} gap={6} wrap="nowrap" data-testid="annotation" data-kind={a.kind}>
              <Text size="xs" style={{ fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' }}>
                {formatSpan(a, range)}
              </Text>
              <Badge size="sm" variant="light" color={ANNOTATION_META[a.kind].mantine} style={{ flex: 'none' }}>
                {ANNOTATION_META[a.kind].word}
              </Badge>
              <Text size="xs" style={{ overflowWrap: 'anywhere' }}>
                {a.text}
              </Text>
            </Group>
          ))}
        </Stack>
      )}
      {omitted > 0 ? (
        <Text size="xs" c="dimmed" mt={4}>
          {omitted} more events in this range are not drawn; pick a shorter range to see them.
        </Text>
      ) : null}
    </Paper>
  );
}
