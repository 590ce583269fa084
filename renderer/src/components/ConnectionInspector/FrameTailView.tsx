import { Alert, Button, Code, Group, MultiSelect, Paper, Stack, Text, UnstyledButton } from '@mantine/core';
import { useMemo, useState } from 'react';
import { frameFixtureLine, type TailFrame } from '../../../../shared/domain/inspector';
import { useFrameTail } from '../../hooks/useFrameTail';
import { filterFrames, frameTypes, prettyFrame } from '../../lib/inspectorView';
import { clockTime } from '../../lib/format';

/** Rows drawn at once: the newest of what the filter lets through (all 500 stay held). */
const ROWS = 200;

/** The raw frame tail: newest first, pausable, filterable by type, each frame expandable as text. */
export function FrameTailView({ serverId, serverName }: { serverId: string; serverName: string }) {
  const tail = useFrameTail(serverId);
  const [types, setTypes] = useState<string[]>([]);
  const [open, setOpen] = useState<number | null>(null);
  const [copied, setCopied] = useState<string | null>(null);
  const options = useMemo(() => [...new Set([...frameTypes(tail.frames), ...types])], [tail.frames, types]);
  const shown = useMemo(() => filterFrames(tail.frames, types), [tail.frames, types]);
  const copy = (f: TailFrame): void => {
    const line = frameFixtureLine(f, serverName);
    setCopied(line);
    void navigator.clipboard?.writeText(line).catch(() => undefined);
  };
  if (tail.error) return <Alert color="red" title="The frame tail is not available">{tail.error}</Alert>;
  return (
    <Stack gap="xs" data-testid="frame-tail">
      <Group gap="xs" align="flex-end">
        <Button size="xs" variant={tail.paused ? 'filled' : 'default'} onClick={() => tail.setPaused(!tail.paused)} data-testid="frame-tail-pause">
          {tail.paused ? 'Resume' : 'Pause'}
        </Button>
        <MultiSelect size="xs" label="Types" placeholder="every type" data={options} value={types} onChange={setTypes} clearable searchable w={320} data-testid="frame-tail-types" />
        <Text size="xs" data-testid="frame-tail-count">
          {tail.paused ? 'Paused: ' : ''}
          {shown.length === tail.frames.length ? `${tail.frames.length} frames` : `${shown.length} of ${tail.frames.length} frames`}
          {shown.length > ROWS ? `, the newest ${ROWS} shown` : ''}
        </Text>
      </Group>
      {copied ? (
        <Stack gap={2} data-testid="frame-fixture">
          <Text size="xs">Copied as a fixture line (redacted):</Text>
          <Code block fz="xs" style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}>
            {copied}
          </Code>
        </Stack>
      ) : null}
      {tail.frames.length === 0 ? <Text size="xs">No frame received since this view opened.</Text> : null}
      <Paper withBorder>
        {shown.slice(0, ROWS).map((f) => (
          <FrameRow key={f.seq} frame={f} open={open === f.seq} onToggle={() => setOpen(open === f.seq ? null : f.seq)} onCopy={() => copy(f)} />
        ))}
      </Paper>
    </Stack>
  );
}

function FrameRow({ frame, open, onToggle, onCopy }: { frame: TailFrame; open: boolean; onToggle(): void; onCopy(): void }) {
  return (
    <Stack gap={2} p={4} data-testid="frame-row" data-type={frame.type} style={{ borderBottom: '1px solid var(--mantine-color-default-border)' }}>
      <UnstyledButton onClick={onToggle} aria-expanded={open} data-testid="frame-row-toggle">
        <Text size="xs" style={{ fontVariantNumeric: 'tabular-nums' }} truncate>
          {clockTime(frame.at)} · {frame.socket} · <b>{frame.type}</b> · {frame.length} chars · {frame.text.slice(0, 120)}
        </Text>
      </UnstyledButton>
      {open ? (
        <Stack gap={2}>
          <Code block fz="xs" style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-all', maxHeight: 320, overflow: 'auto' }} data-testid="frame-json">
            {prettyFrame(frame.text)}
          </Code>
          {frame.truncated ? <Text size="xs">Cut at {frame.text.length} of {frame.length} characters.</Text> : null}
          <Button size="xs" variant="default" onClick={onCopy} style={{ alignSelf: 'flex-start' }} data-testid="frame-copy-fixture">
            Copy as fixture
          </Button>
        </Stack>
      ) : null}
    </Stack>
  );
}
