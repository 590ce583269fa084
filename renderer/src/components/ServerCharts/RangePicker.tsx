import { SegmentedControl } from '@mantine/core';
import { HISTORY_RANGE_LABEL, HISTORY_RANGES, type HistoryRange } from '../../../../shared/domain/history';

/** 15 min, 1 h, 24 h, 7 d: the range lives in the URL, so this only asks to change it. */
export function RangePicker({ value, onChange }: { value: HistoryRange; onChange(r: HistoryRange): void }) {
  return (
    <SegmentedControl
      size="xs"
      aria-label="Time range"
      data-testid="range-picker"
      value={value}
      onChange={(v) => onChange((HISTORY_RANGES.find((r) => r === v) ?? value) as HistoryRange)}
      data={HISTORY_RANGES.map((r) => ({ value: r, label: HISTORY_RANGE_LABEL[r] }))}
    />
  );
}
