/** Ad hoc maintenance, once ended, stays on the server's charts (the window itself leaves settings.json). */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import type { CoreHandle } from '../../../electron/core/api/CoreHandle';
import { createCore, defaultPaths } from '../../../electron/core/compose';
import { MemoryCredentialStore } from '../../../electron/core/credentials/MemoryCredentialStore';
import { nullLogger } from '../../../electron/core/util/logger';

let dir = '';
let core: CoreHandle | undefined;
afterEach(async () => {
  await core?.dispose();
  rmSync(dir, { recursive: true, force: true });
});

it('a maintenance window ended from the app is still shaded on the charts afterwards', async () => {
  dir = mkdtempSync(join(tmpdir(), 'dnsfleet-maint-history-'));
  core = await createCore({
    host: 'web',
    paths: defaultPaths(dir),
    logger: nullLogger,
    notifier: { notify: () => {} },
    credentials: new MemoryCredentialStore({ available: true, persistent: false, detail: 'test' }),
  });
  core.start();
  const started = Date.now();
  await core.handlers['alerts:setMaintenance']({ serverId: 'dns-3', untilMs: started + 3_600_000 });
  await new Promise((r) => setTimeout(r, 50));
  await core.handlers['alerts:setMaintenance']({ serverId: 'dns-3', untilMs: null });
  expect(JSON.parse(readFileSync(join(dir, 'settings.json'), 'utf8')).maintenance).toEqual([]);
  const spans = async () => (await core!.handlers['metrics:annotations']({ serverId: 'dns-3', range: '15m' })).annotations.filter((a) => a.kind === 'maintenance');
  await expect.poll(async () => (await spans()).length, { timeout: 10_000 }).toBe(1);
  const [span] = await spans();
  expect(span!.atMs).toBeGreaterThanOrEqual(started - 1000);
  expect(span!.untilMs! - span!.atMs).toBeGreaterThanOrEqual(0);
  expect(span!.untilMs!).toBeLessThanOrEqual(Date.now());
});
