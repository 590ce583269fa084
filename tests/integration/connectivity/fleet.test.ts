import { createServer } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { startEmulator, type EmulatedServer } from '../../../electron/emulator';
import { harness, serverConfig, type Harness } from './helpers';
import { afterTraffic } from './traffic';

const emus: EmulatedServer[] = [];
let h: Harness | undefined;
afterEach(async () => {
  await h?.fleet.dispose();
  await Promise.all(emus.splice(0).map((e) => e.close()));
  h = undefined;
});

async function freePort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const port = (srv.address() as { port: number }).port;
  await new Promise((r) => srv.close(r));
  return port;
}

describe('FleetService with several servers', () => {
  it('watches several servers at once; adds, removes, disables and restarts on config change', async () => {
    for (let i = 0; i < 3; i++) emus.push(await startEmulator({ healthIntervalMs: 100 }));
    h = harness();
    for (const id of ['a', 'b', 'c']) await h.creds.set(id, 'password', 'monitor-pass');
    const cfg = (id: string, i: number, over = {}) => serverConfig(emus[i]!.url, { id, name: id.toUpperCase(), ...over });
    h.fleet.setServers([cfg('a', 0), cfg('b', 1)]);
    await h.waitState('live', 'a');
    await h.waitState('live', 'b');
    h.fleet.setServers([cfg('a', 0), cfg('b', 1, { enabled: false }), cfg('c', 2)]);
    await h.waitState('disabled', 'b');
    await h.waitState('live', 'c');
    expect(emus[1]!.control.stats().legacyOpen).toBe(0);
    expect(h.fleet.statuses().map((s) => [s.serverId, s.state])).toEqual([
      ['a', 'live'],
      ['b', 'disabled'],
      ['c', 'live'],
    ]);
    const acceptedBefore = emus[0]!.control.stats().legacyAccepted;
    h.fleet.setServers([cfg('a', 0, { legacyTypes: 'health+system' }), cfg('c', 2)]);
    await h.waitState('live', 'a');
    expect(emus[0]!.control.stats().legacyAccepted).toBe(acceptedBefore + 2);
    expect(h.fleet.statuses().map((s) => s.serverId)).toEqual(['a', 'c']);
    expect(h.fleet.metrics.get('b', ['cpu'])[0]!.points).toEqual([]);
  });

  it('a server nobody listens on is offline with the next retry time, not live', async () => {
    const port = await freePort();
    h = harness();
    h.fleet.setServers([serverConfig(`http://127.0.0.1:${port}`)]);
    const offline = await h.waitState('offline');
    expect(offline.reconnect).not.toBeNull();
    expect(offline.detail).toMatch(/unreachable|ECONNREFUSED/);
    const ev = await h.waitEvent((e) => e.type === 'connection_state' && (e.data as { state: string }).state === 'offline');
    expect(ev.severity).toBe('warning');
  });

  it('connection_state events are emitted on state transitions only', async () => {
    emus.push(await startEmulator({ healthIntervalMs: 50 }));
    h = harness();
    h.fleet.setServers([serverConfig(emus[0]!.url)]);
    await h.waitState('live');
    await afterTraffic(h, emus[0]!, { frames: 5 });
    const states = h.events.filter((e) => e.type === 'connection_state').map((e) => (e.data as { state: string }).state);
    expect(states).toEqual(['connecting', 'authenticating', 'live']);
  });
});
