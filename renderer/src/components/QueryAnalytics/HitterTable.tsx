import { Table, Text } from '@mantine/core';
import type { Hitter } from '../../../../shared/domain/analytics';

/** Top domains or clients; an estimate shows its error bound (Space-Saving counts may over-count). */
export function HitterTable({
  title,
  keyLabel,
  rows,
  total,
  testId,
}: {
  title: string;
  keyLabel: string;
  rows: readonly Hitter[];
  total: number;
  testId: string;
}) {
  return (
    <div>
      <Text size="sm" fw={600} mb={4}>
        {title}
      </Text>
      {rows.length === 0 ? (
        <Text size="sm" c="dimmed">
          No samples in this range.
        </Text>
      ) : (
        <Table striped data-testid={testId}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{keyLabel}</Table.Th>
              <Table.Th style={{ textAlign: 'right' }}>Samples</Table.Th>
              <Table.Th style={{ textAlign: 'right' }}>Share</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((h) => (
              <Table.Tr key={h.key} data-testid={`${testId}-row`}>
                <Table.Td style={{ wordBreak: 'break-all' }}>{h.key}</Table.Td>
                <Table.Td style={{ textAlign: 'right', fontVariantNumeric: 'tabular-nums' }}>
                  {h.error > 0 ? `≤ ${h.count} (≥ ${h.count - h.error})` : h.count}
                </Table.Td>
                <Table.Td style={{ textAlign: 'right', fontVariantNumeric: 'tabular-nums' }}>
                  {total > 0 ? `${Math.round((h.count / total) * 100)} %` : ''}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </div>
  );
}
