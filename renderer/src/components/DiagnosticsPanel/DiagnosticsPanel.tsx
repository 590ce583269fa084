import { Button, Group, Stack, Text } from '@mantine/core';
import type { DiagnosticsState } from '../../hooks/useDiagnostics';
import { Icon } from '../Icon/Icon';

const kib = (bytes: number) => `${Math.max(1, Math.round(bytes / 1024)).toLocaleString()} KB`;

/** Where the bundle went, in the host's terms: a download (browser), a saved copy or the exports folder (desktop). */
function outcome(s: DiagnosticsState, canDownload: boolean): string {
  const b = s.bundle!;
  const what = `${b.files.length} files, ${kib(b.bytes)}`;
  if (b.savedTo) return `Saved the diagnostics bundle (${what}) to ${b.savedTo}.`;
  if (canDownload) return `The diagnostics bundle is ready (${what}).`;
  return `Wrote the diagnostics bundle (${what}) to ${b.path}.`;
}

/**
 * "Diagnostics": one action that writes a zip for a support ticket. It says what the bundle holds
 * and that no secret is in it; `onDownload` (browser host only) hands the file to the browser.
 */
export function DiagnosticsPanel({ state, onBuild, onDownload }: { state: DiagnosticsState; onBuild(): void; onDownload: ((path: string) => void) | null }) {
  return (
    <Stack gap="xs" data-testid="diagnostics-panel">
      <Text size="sm">
        A zip to attach to a support ticket: app and platform versions, settings and the server list without passwords, what the app knows about each server
        now, the last hour of the app&apos;s logs and the event log&apos;s health. Passwords, tokens and webhook secrets are never in it.
      </Text>
      <Group gap="xs">
        <Button variant="default" leftSection={<Icon name="download" />} loading={state.running} onClick={onBuild} data-testid="diagnostics-build">
          Create diagnostics bundle
        </Button>
        {state.bundle && onDownload ? (
          <Button variant="light" onClick={() => onDownload(state.bundle!.path)} data-testid="diagnostics-download">
            Download {state.bundle.fileName}
          </Button>
        ) : null}
      </Group>
      {state.error ? (
        <Text size="sm" c="red" role="alert">
          The diagnostics bundle could not be written: {state.error}
        </Text>
      ) : null}
      {state.bundle ? (
        <Text size="sm" c="dimmed" data-testid="diagnostics-result" role="status">
          {outcome(state, onDownload !== null)}
        </Text>
      ) : null}
    </Stack>
  );
}
