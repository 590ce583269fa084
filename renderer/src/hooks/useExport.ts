import { useCallback, useEffect, useRef, useState } from 'react';
import type { EventFilter, ExportProgress } from '../../../shared/ipc/schemas';
import { describeError } from '../api/FleetClient';
import { useClient } from '../store/StoreContext';

export interface ExportState {
  running: boolean;
  progress: ExportProgress | null;
  error: string | null;
}

/**
 * Starts an export of the filtered events and follows its progress pushes. Progress may arrive
 * before the invoke's answer (the core starts writing at once), so early frames are kept by job id.
 */
export function useExport(): ExportState & { start(filter: EventFilter, format: 'csv' | 'ndjson'): void } {
  const client = useClient();
  const jobId = useRef<string | null>(null);
  const early = useRef(new Map<string, ExportProgress>());
  const [state, setState] = useState<ExportState>({ running: false, progress: null, error: null });

  useEffect(
    () =>
      client.on('events:onDidExportProgress', (p) => {
        if (p.jobId === jobId.current) setState({ running: !p.done, progress: p, error: p.error });
        else if (jobId.current === null) early.current.set(p.jobId, p);
      }),
    [client],
  );

  const start = useCallback(
    (filter: EventFilter, format: 'csv' | 'ndjson') => {
      jobId.current = null;
      early.current.clear();
      setState({ running: true, progress: null, error: null });
      void client.invoke('events:export', { filter, format }).then((r) => {
        if (!r.ok) return setState({ running: false, progress: null, error: describeError(r) });
        jobId.current = r.value.jobId;
        const p = early.current.get(r.value.jobId);
        if (p) setState({ running: !p.done, progress: p, error: p.error });
      });
    },
    [client],
  );
  return { ...state, start };
}
