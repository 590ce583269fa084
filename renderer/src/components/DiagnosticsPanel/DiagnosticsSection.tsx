import { Paper, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useDiagnostics } from '../../hooks/useDiagnostics';
import { downloadExport } from '../../lib/downloadExport';
import { useClient } from '../../store/StoreContext';
import { DiagnosticsPanel } from './DiagnosticsPanel';

/** The Settings page's Diagnostics section: the core writes the bundle; the browser host offers it as a download. */
export function DiagnosticsSection() {
  const client = useClient();
  const diagnostics = useDiagnostics();
  const [downloadError, setDownloadError] = useState<string | null>(null);
  const onDownload =
    client.kind === 'web'
      ? (path: string) => {
          setDownloadError(null);
          void downloadExport(path).catch((err: Error) => setDownloadError(err.message));
        }
      : null;
  return (
    <>
      <Title order={4}>Diagnostics</Title>
      <Paper withBorder p="md">
        <DiagnosticsPanel state={diagnostics} onBuild={diagnostics.build} onDownload={onDownload} />
        {downloadError ? (
          <Text size="sm" c="red" role="alert">
            {downloadError}
          </Text>
        ) : null}
      </Paper>
    </>
  );
}
