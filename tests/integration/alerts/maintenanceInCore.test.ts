/** Maintenance windows in the real core: saved in settings.json, back after a restart, every change pushed. */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { CoreHandle, PushMessage } from '../../../electron/core/api/CoreHandle';
import { createCore, defaultPaths } from '../../../electron/core/compose';
import { MemoryCredentialStore } from '../../../electron/core/credentials/MemoryCredentialStore';
import { nullLogger } from '../../../electron/core/util/logger';

const dirs: string[] = [];
const cores: CoreHandle[] = [];
afterEach(async () => {
  for (const c of cores.splice(0)) await c.dispose();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

async function core(dir: string, pushes: PushMessage[] = []): Promise<CoreHandle> {
  const c = await createCore({
    host: 'web',
    paths: defaultPaths(dir),
    logger: nullLogger,
    notifier: { notify: () => {} },
    credentials: new MemoryCredentialStore({ available: true, persistent: false, detail: 'test' }),
  });
  c.onPush((m) => pushes.push(m));
  c.start();
  cores.push(c);
  return c;
}

describe('maintenance windows in the core', () => {
  it('a window scheduled ahead and a recurring one are saved, pushed, and back after a restart', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dnsfleet-maint-'));
    dirs.push(dir);
    const pushes: PushMessage[] = [];
    const first = await core(dir, pushes);
    const soon = Date.now() + 3_600_000;
    const ahead = { id: 'tonight', serverId: 'dns-1', startsAt: soon, endsAt: soon + 3_600_000, recurrence: 'none' as const, timeZone: 'UTC', note: 'kernel update' };
    const weekly = { id: 'sundays', serverId: 'dns-2', startsAt: soon, endsAt: soon + 7_200_000, recurrence: 'weekly' as const, timeZone: 'Europe/Berlin', note: '' };
    await first.handlers['maintenance:schedule']({ window: ahead });
    const state = await first.handlers['maintenance:schedule']({ window: weekly });
    expect(state).toEqual({ windows: [ahead, weekly], active: [] });
    expect(pushes.filter((m) => m.channel === 'alerts:onDidChangeMaintenance').at(-1)?.payload).toEqual({ windows: [ahead, weekly], active: [] });
    expect(JSON.parse(readFileSync(join(dir, 'settings.json'), 'utf8')).maintenance).toEqual([ahead, weekly]);

    // Ad hoc maintenance from a tile is pushed with what is in force now.
    await first.handlers['alerts:setMaintenance']({ serverId: 'dns-3', untilMs: soon });
    expect(pushes.filter((m) => m.channel === 'alerts:onDidChangeMaintenance').at(-1)?.payload).toMatchObject({ active: [{ serverId: 'dns-3', untilMs: soon }] });
    await first.dispose();
    cores.splice(0);

    const second = await core(dir);
    const after = await second.handlers['maintenance:list']({});
    expect(after.windows.map((w) => w.id)).toEqual(['tonight', 'sundays', 'now:dns-3']);
    expect(after.active).toEqual([{ serverId: 'dns-3', untilMs: soon }]);
    expect((await second.handlers['fleet:getSnapshot']({})).maintenance).toEqual([{ serverId: 'dns-3', untilMs: soon }]);
    await second.handlers['maintenance:remove']({ id: 'tonight' });
    expect(JSON.parse(readFileSync(join(dir, 'settings.json'), 'utf8')).maintenance.map((w: { id: string }) => w.id)).toEqual(['sundays', 'now:dns-3']);
  });
});
