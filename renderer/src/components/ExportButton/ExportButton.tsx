import { Button, Group, Menu, Progress, Text } from '@mantine/core';
import type { ExportState } from '../../hooks/useExport';
import { Icon } from '../Icon/Icon';

/** Export of the filtered events, with progress from events:onDidExportProgress. */
/**
 * `onDownload`: in the browser host, hands the finished file to the browser. `onReveal`: in the desktop
 * app, shows it in the OS file manager (the core checks it is a file the export wrote).
 */
export function ExportButton({
  state,
  onExport,
  onDownload,
  onReveal = null,
}: {
  state: ExportState;
  onExport(format: 'csv' | 'ndjson'): void;
  onDownload: ((path: string) => void) | null;
  onReveal?: ((path: string) => void) | null;
}) {
  const p = state.progress;
  const pct = p && p.total > 0 ? Math.round((p.written / p.total) * 100) : 0;
  return (
    <Group gap="xs" wrap="nowrap">
      <Menu position="bottom-end" withinPortal>
        <Menu.Target>
          <Button variant="default" leftSection={<Icon name="download" />} loading={state.running} data-testid="export-button">
            Export
          </Button>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Item onClick={() => onExport('csv')}>CSV</Menu.Item>
          <Menu.Item onClick={() => onExport('ndjson')}>NDJSON</Menu.Item>
        </Menu.Dropdown>
      </Menu>
      {state.running || p ? (
        <Group gap={6} wrap="nowrap" data-testid="export-progress" data-done={p?.done ? 'true' : 'false'}>
          <Progress value={p?.done ? 100 : pct} w={120} size="sm" animated={state.running} aria-label="export progress" />
          <Text size="xs" c={state.error ? 'red' : 'dimmed'} maw={360} truncate>
            {state.error ? `Export failed: ${state.error}` : p?.done ? `Saved ${p.written.toLocaleString()} events to ${p.path ?? '?'}` : `${pct} %`}
          </Text>
          {p?.done && p.path && onDownload ? (
            <Button size="compact-xs" variant="light" data-testid="export-download" onClick={() => onDownload(p.path!)}>
              Download
            </Button>
          ) : null}
          {p?.done && p.path && onReveal ? (
            <Button size="compact-xs" variant="light" data-testid="export-reveal" onClick={() => onReveal(p.path!)}>
              Show in folder
            </Button>
          ) : null}
        </Group>
      ) : null}
    </Group>
  );
}
