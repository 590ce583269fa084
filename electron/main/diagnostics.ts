/**
 * "Copy diagnostics" (Help menu): what a support engineer asks first, as plain text. Versions, the
 * data dir, keychain and event log state, each server's state. Server configs (URLs, user names) are
 * left out on purpose, and every line passes through redaction: a secret the app knows of never
 * reaches the clipboard.
 */
import type { FleetSnapshot } from '../../shared/ipc/schemas';
import { redactString } from '../core/util/redact';

export interface DiagnosticsInput {
  appVersion: string;
  versions: Partial<Record<'electron' | 'chrome' | 'node', string>>;
  platform: string;
  arch: string;
  dataDir: string;
  snapshot: FleetSnapshot | null;
}

export function diagnosticsText(d: DiagnosticsInput): string {
  const lines = [
    `DNS Fleet Monitor ${d.appVersion}`,
    `Electron ${d.versions.electron ?? '?'}, Chromium ${d.versions.chrome ?? '?'}, Node ${d.versions.node ?? '?'}, ${d.platform} ${d.arch}`,
    `Data dir: ${d.dataDir}`,
  ];
  const s = d.snapshot;
  if (!s) {
    lines.push('The monitor has not started (see the log).');
  } else {
    lines.push(`Keychain: ${s.health.keychain.available ? 'available' : 'not available'} (${s.health.keychain.detail})`);
    lines.push(`Event log: ${s.health.eventLog.state}${s.health.eventLog.detail ? ` (${s.health.eventLog.detail})` : ''}, backlog ${s.health.eventLog.backlog}`);
    for (const n of s.health.notices) lines.push(`Notice: ${n}`);
    lines.push(`Servers: ${s.servers.length}`);
    for (const x of s.servers) lines.push(`  ${x.serverId}: ${x.state}${x.detail ? ` (${x.detail})` : ''} since ${x.since}${x.lastDataAt ? `, last data ${x.lastDataAt}` : ''}`);
    lines.push(`Active alerts: ${s.alerts.filter((a) => a.status === 'active').length}`);
  }
  return lines.map(redactString).join('\n') + '\n';
}
