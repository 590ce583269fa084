/**
 * A damaged alert outbox (alert-outbox.db not a database, or from a newer app) must not keep the
 * monitor from starting: forwarding is off and says why, everything else watches on.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { CoreHandle } from '../../../electron/core/api/CoreHandle';
import { createCore, defaultPaths } from '../../../electron/core/compose';
import { MemoryCredentialStore } from '../../../electron/core/credentials/MemoryCredentialStore';
import { nullLogger } from '../../../electron/core/util/logger';

let dir: string | undefined;
let core: CoreHandle | undefined;
afterEach(async () => {
  await core?.dispose();
  core = undefined;
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('a damaged alert outbox', () => {
  it('leaves the core running, forwarding off, and the reason in the forwarding view', async () => {
    dir = mkdtempSync(join(tmpdir(), 'dnsfleet-outbox-damage-'));
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'settings.json'), JSON.stringify({ version: 3, servers: [], forwarding: { alertmanagerUrl: 'http://127.0.0.1:9/' } }));
    writeFileSync(join(dir, 'alert-outbox.db'), 'this is not an SQLite database, it was damaged on disk '.repeat(100));
    core = await createCore({ host: 'cli', paths: defaultPaths(dir), logger: nullLogger, notifier: { notify: () => {} }, credentials: new MemoryCredentialStore() });
    const snapshot = await core.handlers['fleet:getSnapshot']({});
    expect(snapshot.servers).toEqual([]);
    const view = await core.handlers['forwarding:get']({});
    expect(view.targets).toEqual([]);
    expect(view.problem).toMatch(/alert-outbox\.db/);
  });
});
