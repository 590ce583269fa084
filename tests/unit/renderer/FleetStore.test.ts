import { describe, expect, it } from 'vitest';
import type { ApiResult, InvokeChannel, PushChannel, PushPayload } from '../../../shared/ipc/contract';
import { ListenerSet, type ConnectionState, type FleetClient } from '../../../renderer/src/api/FleetClient';
import { FleetStore } from '../../../renderer/src/store/FleetStore';
import { FakeCore } from '../../e2e/support/FakeCore';
import { serverStatus } from '../../e2e/support/fakeData';
import { dispatchInvoke } from '../../../shared/ipc/dispatch';

/** A FleetClient wired straight to a FakeCore (what a transport does, minus the wire). */
class DirectClient implements FleetClient {
  readonly kind = 'web' as const;
  connection: ConnectionState = 'open';
  private conn = new ListenerSet<ConnectionState>();
  constructor(private core: FakeCore) {}
  invoke(channel: InvokeChannel, req: unknown) {
    return dispatchInvoke(this.core.handlers, channel, req) as Promise<ApiResult<never>>;
  }
  on<C extends PushChannel>(channel: C, listener: (p: PushPayload<C>) => void) {
    return this.core.onPush((m) => m.channel === channel && listener(m.payload as PushPayload<C>));
  }
  onDidChangeConnection(l: (s: ConnectionState) => void) {
    return this.conn.add(l);
  }
  setConnection(s: ConnectionState) {
    this.connection = s;
    this.conn.fire(s);
  }
  dispose() {}
}

async function started(core: FakeCore) {
  const client = new DirectClient(core);
  const store = new FleetStore(client);
  const changed = () => new Promise<void>((r) => { const off = store.subscribe(() => { off(); r(); }); });
  const ready = changed();
  store.start();
  await ready;
  return { client, store, changed };
}

describe('FleetStore', () => {
  it('takes verdicts from the core: snapshot, changes and removals, keeping the others identical', async () => {
    const core = new FakeCore();
    core.setServer(serverStatus('a', 'live'));
    core.setServer(serverStatus('b', 'live'));
    const { store } = await started(core);
    expect(store.getState().fleetVerdict).toMatchObject({ level: 'ok', counts: { ok: 2 } });
    const okA = store.getState().verdicts.get('a');
    core.setServer(serverStatus('b', 'live', { bindRunning: false }));
    expect(store.getState().verdicts.get('b')).toMatchObject({ level: 'critical', reasons: ['BIND is not running'] });
    expect(store.getState().verdicts.get('a')).toBe(okA);
    expect(store.getState().fleetVerdict).toMatchObject({ level: 'critical', counts: { critical: 1, ok: 1 } });
    await core.handlers['servers:remove']({ id: 'b' });
    expect(store.getState().verdicts.has('b')).toBe(false);
    expect(store.getState().fleetVerdict).toMatchObject({ level: 'ok', total: 1 });
    await core.dispose();
  });

  it('loads the snapshot and updates one server in place, keeping the others identical', async () => {
    const core = new FakeCore();
    core.setServer(serverStatus('a', 'live'));
    core.setServer(serverStatus('b', 'live'));
    const { store } = await started(core);
    const before = store.getState().servers;
    expect(before.map((s) => s.state)).toEqual(['live', 'live']);
    core.setServer(serverStatus('b', 'stale'));
    const after = store.getState().servers;
    expect(after.map((s) => `${s.serverId}:${s.state}`)).toEqual(['a:live', 'b:stale']);
    expect(after[0]).toBe(before[0]);
  });

  it('drops removed servers and tells listeners about raised alerts', async () => {
    const core = new FakeCore();
    core.setServer(serverStatus('a', 'live'));
    const { store } = await started(core);
    const raised: string[] = [];
    store.onDidRaiseAlert((a) => raised.push(a.title));
    core.raiseAlert({ serverId: 'a', title: 'Forwarder down' });
    await core.handlers['servers:remove']({ id: 'a' });
    expect(raised).toEqual(['Forwarder down']);
    expect(store.getState().alerts.map((a) => a.title)).toEqual(['Forwarder down']);
    expect(store.getState().servers).toEqual([]);
  });

  it('reloads the snapshot when the transport comes back, recovering pushes missed while away', async () => {
    const core = new FakeCore();
    core.setServer(serverStatus('a', 'live'));
    const { client, store, changed } = await started(core);
    client.setConnection('reconnecting');
    expect(store.getState().connection).toBe('reconnecting');
    core.servers.set('a', serverStatus('a', 'offline')); // changed while the page was away: no push seen
    const refreshed = changed().then(changed);
    client.setConnection('open');
    await refreshed;
    expect(store.getState().servers[0]?.state).toBe('offline');
    expect(store.getState().connection).toBe('open');
  });

  it('shows a maintenance window right after setting it, and drops it when ended', async () => {
    const core = new FakeCore();
    core.setServer(serverStatus('a', 'live'));
    const { store } = await started(core);
    const until = Date.now() + 30 * 60_000;
    expect((await store.setMaintenance('a', until)).ok).toBe(true);
    expect(store.getState().maintenance).toEqual([{ serverId: 'a', untilMs: until }]);
    await store.setMaintenance('a', null);
    expect(store.getState().maintenance).toEqual([]);
  });

  it('announces a storm summary but does not list it as an alert', async () => {
    const core = new FakeCore();
    const { store } = await started(core);
    const raised: string[] = [];
    store.onDidRaiseAlert((a) => raised.push(a.title));
    core.raiseSummary(12);
    expect(raised).toEqual(['12 more alerts']);
    expect(store.getState().alerts).toEqual([]);
  });
});
