import { useCallback, useState } from 'react';
import type { DiagnosticsBundleInfo } from '../../../shared/ipc/schemas';
import { describeError } from '../api/FleetClient';
import { useClient } from '../store/StoreContext';

export interface DiagnosticsState {
  running: boolean;
  bundle: DiagnosticsBundleInfo | null;
  error: string | null;
}

/** Asks the core for a diagnostics bundle (app:writeDiagnostics); Electron's save dialog is shown by the host meanwhile. */
export function useDiagnostics(): DiagnosticsState & { build(): void } {
  const client = useClient();
  const [state, setState] = useState<DiagnosticsState>({ running: false, bundle: null, error: null });
  const build = useCallback(() => {
    setState({ running: true, bundle: null, error: null });
    void client.invoke('app:writeDiagnostics', {}).then((r) => setState({ running: false, bundle: r.ok ? r.value : null, error: r.ok ? null : describeError(r) }));
  }, [client]);
  return { ...state, build };
}
