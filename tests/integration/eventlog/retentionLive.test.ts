/**
 * Retention changed while the app runs applies to the running event log: the next retention pass
 * cuts by the new limit, without a restart (the log used to get the policy only when it opened).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DAY } from '../../../shared/domain/ids';
import type { CoreHandle } from '../../../electron/core/api/CoreHandle';
import { createCore, defaultPaths } from '../../../electron/core/compose';
import { MemoryCredentialStore } from '../../../electron/core/credentials/MemoryCredentialStore';
import { SqliteEventLog } from '../../../electron/core/eventlog/SqliteEventLog';
import { ConfSettingsStore } from '../../../electron/core/settings/ConfSettingsStore';
import { nullLogger } from '../../../electron/core/util/logger';
import { sampleEvents } from '../../fixtures/eventlog/sampleEvents';

let core: CoreHandle | undefined;
let dir: string | undefined;
afterEach(async () => {
  await core?.dispose();
  if (dir) rmSync(dir, { recursive: true, force: true });
  core = dir = undefined;
});

/** Events as the running app would query them (newest first, at most 1000). */
async function storedIds(c: CoreHandle): Promise<string[]> {
  const page = await c.handlers['events:query']({ filter: {}, cursor: null, limit: 1000 });
  return page.items.map((e) => e.id);
}

describe('retention changed while the core runs', () => {
  it('the next retention pass deletes by the new age limit, keeping what is younger', async () => {
    dir = mkdtempSync(join(tmpdir(), 'dnsfleet-retention-live-'));
    const now = Date.now();
    // History from before this session: 20 days old and 1 day old (the default keeps both, 90 days).
    const seed = SqliteEventLog.open({ dataDir: dir, logger: nullLogger, applyRetention: false });
    seed.append(sampleEvents(200, { startMs: now - 20 * DAY, stepMs: 1000, prefix: 'old' }));
    seed.append(sampleEvents(50, { startMs: now - DAY, stepMs: 1000, prefix: 'recent' }));
    await seed.flush();
    await seed.close();

    const settings = ConfSettingsStore.open({ dataDir: dir, logger: nullLogger });
    core = await createCore({
      host: 'cli',
      paths: defaultPaths(dir),
      logger: nullLogger,
      settings,
      notifier: { notify: () => undefined },
      credentials: new MemoryCredentialStore({ available: true, persistent: false, detail: 'test' }),
      fleetOverride: [],
    });
    core.start();
    const c = core;
    // Both ages are within the default limit the log opened with.
    expect(await storedIds(c)).toHaveLength(250);

    // As the Settings page or a settings handler would: through the store the core watches.
    settings.update((s) => ({ ...s, retention: { ...s.retention, maxAgeDays: 7 } }));
    await vi.waitFor(async () => expect(await storedIds(c)).toHaveLength(50), { timeout: 10_000, interval: 50 });
    expect((await storedIds(c)).every((id) => id.startsWith('recent-'))).toBe(true);
  });
});
