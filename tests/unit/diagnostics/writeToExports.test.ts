import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DiagnosticsSource } from '../../../electron/core/diagnostics/DiagnosticsBundle';
import { writeDiagnosticsToExports } from '../../../electron/core/diagnostics/writeToExports';
import { SettingsSchema } from '../../../electron/core/settings/settingsSchema';
import { nullLogger } from '../../../electron/core/util/logger';

describe('app:writeDiagnostics into the exports folder', () => {
  let dir: string;
  let now = Date.parse('2026-12-06T20:00:00.000Z');
  const source = (): DiagnosticsSource => ({
    host: 'web',
    appVersion: '1.0.0',
    now: () => now,
    dataDir: dir,
    logsDir: join(dir, 'logs'),
    settings: () => SettingsSchema.parse({ version: 3 }),
    servers: async () => [],
    serverSnapshots: () => ({ note: null, servers: [] }),
    eventLog: () => ({}),
    appHealth: async () => ({}),
  });
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'dnsfleet-exports-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('names the file by its time, keeps the newest five bundles and leaves other exports alone', async () => {
    const exports = join(dir, 'exports');
    const made: string[] = [];
    for (let i = 0; i < 7; i++) {
      now += 60_000;
      made.push((await writeDiagnosticsToExports(source(), exports, nullLogger)).fileName);
      if (i === 0) writeFileSync(join(exports, 'events-2026-12-06.csv'), 'a,b\n');
    }
    expect(made[0]).toBe('diagnostics-2026-12-06T20-01-00-000Z.zip');
    expect(readdirSync(exports).sort()).toEqual(['events-2026-12-06.csv', ...made.slice(2)].sort());
  });

  it('hands the file to the host and reports where the copy went; null when not offered', async () => {
    const offered: { path: string; name: string }[] = [];
    const saved = await writeDiagnosticsToExports(source(), join(dir, 'exports'), nullLogger, async (f) => (offered.push(f), '/home/op/ticket.zip'));
    expect(offered).toEqual([{ path: saved.path, name: saved.fileName }]);
    expect(saved.savedTo).toBe('/home/op/ticket.zip');
    now += 1000;
    expect((await writeDiagnosticsToExports(source(), join(dir, 'exports'), nullLogger)).savedTo).toBeNull();
  });
});
