import { describe, expect, it } from 'vitest';
import { nullLogger } from '../../../electron/core/util/logger';
import { VerdictService, type VerdictChange } from '../../../electron/core/verdict/VerdictService';
import type { Alert } from '../../../shared/domain/alert';
import type { ServerStatus } from '../../../shared/domain/serverState';
import { FakeClock } from '../alerts/support/FakeClock';

const iso = (ms: number) => new Date(ms).toISOString();

function setup(opts: { staleAfterMs?: number | null } = {}) {
  const clock = new FakeClock();
  const maintenance = new Map<string, number>();
  /** What FleetService would return now: health times move there without a published status. */
  const quiet = new Map<string, ServerStatus>();
  const service = new VerdictService({
    clock,
    logger: nullLogger,
    healthStaleAfterMs: () => (opts.staleAfterMs === undefined ? 75_000 : opts.staleAfterMs),
    maintenanceUntil: (id) => maintenance.get(id) ?? null,
    currentStatus: (id) => quiet.get(id),
  });
  const changes: VerdictChange[] = [];
  service.onDidChangeVerdict((c) => changes.push(c));
  const status = (id: string, over: Partial<ServerStatus> = {}): ServerStatus => ({
    serverId: id,
    name: id.toUpperCase(),
    state: 'live',
    since: iso(clock.now()),
    lastDataAt: iso(clock.now()),
    stack: 'legacy',
    reconnect: null,
    forwarders: [],
    bindRunning: true,
    healthAt: iso(clock.now()),
    ...over,
  });
  return { clock, maintenance, quiet, service, changes, status };
}

const bindAlert = (status: Alert['status']): Alert => ({
  id: 'a1',
  serverId: 'dns-1',
  key: 'bind',
  rule: 'bind',
  severity: 'critical',
  title: 'BIND is down on DNS-1',
  detail: '',
  status,
  raisedAt: '2025-08-29T09:00:00.000Z',
  lastSeenAt: '2025-08-29T09:00:00.000Z',
  resolvedAt: status === 'resolved' ? '2025-08-29T09:01:00.000Z' : null,
  ack: status === 'acknowledged' ? { by: 'ana', at: '2025-08-29T09:00:30.000Z', note: '' } : null,
  snoozedUntil: null,
  eventId: null,
  count: 1,
});

describe('VerdictService', () => {
  it('announces a verdict change with the fleet verdict, and stays quiet when nothing visible changed', () => {
    const { service, changes, status } = setup();
    service.onServerStatus(status('dns-1'));
    service.onServerStatus(status('dns-2'));
    expect(changes.map((c) => c.verdict?.level)).toEqual(['ok', 'ok']);
    service.onServerStatus(status('dns-1', { lastDataAt: iso(Date.now()) }));
    expect(changes).toHaveLength(2);
    service.onServerStatus(status('dns-1', { bindRunning: false }));
    expect(changes.at(-1)).toMatchObject({ verdict: { serverId: 'dns-1', level: 'critical' }, fleet: { level: 'critical', total: 2, counts: { critical: 1, ok: 1 } } });
  });

  it('a live server whose health data stops turns blind when it ages out, without any new status', () => {
    const { clock, service, changes, status } = setup({ staleAfterMs: 75_000 });
    service.onServerStatus(status('dns-1'));
    clock.advance(75_000);
    expect(service.verdict('dns-1')?.level).toBe('ok');
    clock.advance(10);
    expect(service.verdict('dns-1')).toMatchObject({ level: 'blind', reasons: ['No health data for over 75 s'] });
    expect(changes.at(-1)?.fleet.level).toBe('blind');
  });

  it('health data that keeps arriving without a published status keeps the server ok', () => {
    const { clock, quiet, service, changes, status } = setup({ staleAfterMs: 75_000 });
    service.onServerStatus(status('dns-1'));
    for (let i = 0; i < 5; i++) {
      clock.advance(30_000);
      quiet.set('dns-1', status('dns-1')); // a health_update every 30 s, healthAt now
    }
    expect(service.verdict('dns-1')?.level).toBe('ok');
    expect(changes).toHaveLength(1);
    quiet.clear(); // the data stops: the last status we know of ages out
    clock.advance(75_001);
    expect(service.verdict('dns-1')?.level).toBe('blind');
    quiet.set('dns-1', status('dns-1')); // data again, still without a published status
    clock.advance(30_000);
    expect(service.verdict('dns-1')?.level).toBe('ok');
  });

  it('acknowledging keeps the level, resolving lets it go back to ok once the facts agree', () => {
    const { service, status } = setup();
    service.onServerStatus(status('dns-1', { bindRunning: false }));
    service.onAlert(bindAlert('active'));
    service.onAlert(bindAlert('acknowledged'));
    expect(service.verdict('dns-1')).toMatchObject({ level: 'critical', acknowledged: true });
    service.onServerStatus(status('dns-1', { bindRunning: true }));
    expect(service.verdict('dns-1')?.level).toBe('critical'); // the alert is still open
    service.onAlert(bindAlert('resolved'));
    expect(service.verdict('dns-1')?.level).toBe('ok');
  });

  it('a maintenance window ends on its own time', () => {
    const { clock, maintenance, service, status } = setup({ staleAfterMs: null });
    service.onServerStatus(status('dns-1', { bindRunning: false }));
    maintenance.set('dns-1', clock.now() + 60_000);
    service.onMaintenance('dns-1');
    expect(service.verdict('dns-1')?.level).toBe('maintenance');
    clock.advance(60_001);
    expect(service.verdict('dns-1')?.level).toBe('critical');
    service.onServerStatus(status('dns-2'));
    maintenance.set('dns-2', clock.now() + 60_000);
    service.onMaintenance(); // "windows changed", without saying which
    expect(service.verdicts().map((v) => `${v.serverId}:${v.level}`)).toEqual(['dns-1:critical', 'dns-2:maintenance']);
  });

  it('forgets a removed server and says so; an empty fleet is blind, not ok', () => {
    const { service, changes, status } = setup();
    service.onServerStatus(status('dns-1'));
    service.forget('dns-1');
    expect(changes.at(-1)).toMatchObject({ verdict: null, removed: 'dns-1', fleet: { level: 'blind', total: 0 } });
    expect(service.verdicts()).toEqual([]);
  });

  it('a listener that throws does not stop the others', () => {
    const { service, status } = setup();
    const seen: string[] = [];
    service.onDidChangeVerdict(() => {
      throw new Error('boom');
    });
    service.onDidChangeVerdict((c) => seen.push(c.verdict!.level));
    service.onServerStatus(status('dns-1'));
    expect(seen).toEqual(['ok']);
  });

  it('a server id from outside that names an Object property is just another server', () => {
    const { service, status } = setup();
    service.onServerStatus(status('__proto__', { bindRunning: false }));
    service.onServerStatus(status('constructor'));
    expect(service.fleet().counts).toMatchObject({ critical: 1, ok: 1 });
  });
});
