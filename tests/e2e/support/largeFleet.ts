/**
 * Larger scripted fleets for the fleet view (issue 14.1): a desk fleet of 29 servers with groups and
 * tags whose failed servers sort last by name (so only a problems-first view shows them at the top),
 * and a wall fleet of any size.
 */
import type { FakeCore } from './FakeCore';
import { forwarders, serverStatus } from './fakeData';

const SITES = ['ams', 'ber', 'cph', 'dub', 'fra', 'hel', 'lis', 'lon', 'mad', 'mil', 'osl', 'par', 'prg', 'sto', 'vie', 'war'];
const GROUPS = ['Europe West', 'Europe North', 'Europe Central'];

/** The failed servers of the desk fleet, by id: what a problems-first view must show first. */
export const DESK_PROBLEMS = { critical: ['zrh-bind', 'zrh-fwd'], blind: ['yyz-offline'], warning: ['wlg-degraded'] } as const;

/** 29 servers: 25 fine, 2 critical, 1 blind, 1 warning; grouped and tagged. */
export function deskFleet(core: FakeCore): void {
  for (let i = 0; i < 25; i++) {
    const id = `${SITES[i % SITES.length]}-${Math.floor(i / SITES.length) + 1}`;
    core.setServer(serverStatus(id, 'live', { name: `dns-${id}` }));
    label(core, id, GROUPS[i % GROUPS.length]!, i % 2 ? ['edge'] : ['core', 'resolver']);
  }
  core.setServer(serverStatus('zrh-bind', 'live', { name: 'dns-zrh-bind', bindRunning: false }));
  core.setServer(serverStatus('zrh-fwd', 'live', { name: 'dns-zrh-fwd', forwarders: forwarders(0, 3) }));
  core.setServer(serverStatus('yyz-offline', 'offline', { name: 'dns-yyz-offline', detail: 'ECONNREFUSED', lastDataAt: new Date(Date.now() - 600_000).toISOString(), blindSince: new Date(Date.now() - 600_000).toISOString() }));
  core.setServer(serverStatus('wlg-degraded', 'live', { name: 'dns-wlg-degraded', forwarders: forwarders(3, 3).map((f, i) => (i === 1 ? { ...f, status: 'degraded' as const } : f)) }));
  // Readings as the metrics store would hold them: every live server but one reports qps.
  const at = Date.now();
  for (const [id, st] of core.servers) {
    if (st.state !== 'live' || id === 'wlg-degraded') continue;
    core.readings.set(id, { qps: { t: at, v: 40 }, queriesToday: { t: at, v: 100_000 }, blockedToday: { t: at, v: 12_500 } });
  }
  label(core, 'zrh-bind', 'Europe Central', ['core']);
  label(core, 'zrh-fwd', 'Europe Central', ['edge']);
  label(core, 'yyz-offline', 'Americas', ['edge']);
  label(core, 'wlg-degraded', 'Oceania', ['resolver']);
}

/** n servers for the wall: every seventh critical, every eleventh blind, the rest fine. */
export function wallFleet(n: number) {
  return (core: FakeCore): void => {
    for (let i = 0; i < n; i++) {
      const id = `wall-${String(i + 1).padStart(3, '0')}`;
      const critical = i % 7 === 3;
      const blind = i % 11 === 5;
      core.setServer(serverStatus(id, blind ? 'offline' : 'live', { name: `dns-${id}`, bindRunning: critical ? false : true, lastDataAt: blind ? new Date(Date.now() - 300_000).toISOString() : new Date().toISOString() }));
      label(core, id, GROUPS[i % GROUPS.length]!, ['wall']);
    }
  };
}

function label(core: FakeCore, id: string, group: string, tags: string[]): void {
  const s = core.servers.get(id);
  if (s) core.setServer({ ...s, group, tags });
  const e = core.entries.get(id);
  if (e) core.entries.set(id, { ...e, group, tags });
}
