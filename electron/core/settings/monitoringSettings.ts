import type { MonitoringSettings } from '../../../shared/domain/monitoringSettings';
import type { PushChannel, PushPayload } from '../../../shared/ipc/contract';
import type { Settings } from './settingsSchema';
import type { SettingsStore } from './SettingsStore';

/** The Settings page's "DNS probes" and "Query analytics" sections, cut from the whole settings. */
export const monitoringOf = (s: Settings): MonitoringSettings => ({ probes: s.probes, analytics: s.analytics });

/**
 * Every window hears of a probe or analytics change, wherever it came from (a window, the CLI,
 * another process's settings.json): pushed once per real change. Returns the disposer.
 */
export function pushMonitoringChanges(settings: SettingsStore, push: <C extends PushChannel>(channel: C, payload: PushPayload<C>) => void): () => void {
  let last = JSON.stringify(monitoringOf(settings.get()));
  return settings.onDidChange((s) => {
    const next = monitoringOf(s);
    const text = JSON.stringify(next);
    if (text === last) return;
    last = text;
    push('settings:onDidChangeMonitoring', next);
  });
}
