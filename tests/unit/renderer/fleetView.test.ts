import { describe, expect, it } from 'vitest';
import { DEFAULT_FLEET_VIEW, fleetViewQuery, groupServers, lastFleetQuery, parseFleetView, rememberFleetView, visibleServers } from '../../../renderer/src/lib/fleetView';
import { wallLayout } from '../../../renderer/src/lib/wallLayout';
import type { ServerStatus } from '../../../shared/domain/serverState';
import type { ServerVerdict, VerdictLevel } from '../../../shared/domain/verdict';
import { serverStatus } from '../../e2e/support/fakeData';

function fleet(spec: [string, VerdictLevel | null, Partial<ServerStatus>?][]) {
  const servers = spec.map(([name, , over]) => serverStatus(name, 'live', { name, ...over }));
  const verdicts = new Map<string, ServerVerdict>();
  for (const [name, level] of spec) if (level) verdicts.set(name, { serverId: name, name, level, reasons: [], acknowledged: false, since: '' });
  return { servers, verdicts };
}

describe('fleet view order', () => {
  const { servers, verdicts } = fleet([
    ['alpha', 'ok'],
    ['bravo', 'disabled'],
    ['charlie', 'maintenance'],
    ['delta', 'blind'],
    ['echo', 'warning'],
    ['zulu', 'critical'],
    ['yankee', 'critical'],
    ['new', null],
  ]);

  it('puts problems first: critical, warning, blind, maintenance, ok, disabled; by name within a level', () => {
    const names = visibleServers(servers, verdicts, DEFAULT_FLEET_VIEW).map((s) => s.name);
    // A server with no verdict yet is not known to be fine: it sorts with blind.
    expect(names).toEqual(['yankee', 'zulu', 'echo', 'delta', 'new', 'charlie', 'alpha', 'bravo']);
  });

  it('problems only keeps critical, warning and blind; sort by name ignores levels; the filter matches names', () => {
    expect(visibleServers(servers, verdicts, { ...DEFAULT_FLEET_VIEW, problemsOnly: true }).map((s) => s.name)).toEqual(['yankee', 'zulu', 'echo', 'delta', 'new']);
    expect(visibleServers(servers, verdicts, { ...DEFAULT_FLEET_VIEW, sort: 'name' }).map((s) => s.name)[0]).toBe('alpha');
    expect(visibleServers(servers, verdicts, { ...DEFAULT_FLEET_VIEW, filter: 'ULU' }).map((s) => s.name)).toEqual(['zulu']);
  });

  it('groups by group or tag, worst section first, a server in each of its tags, the unlabelled last', () => {
    const g = fleet([
      ['a', 'ok', { group: 'West', tags: ['edge', 'core'] }],
      ['b', 'critical', { group: 'East', tags: ['edge'] }],
      ['c', 'ok', { tags: [] }],
      ['d', 'ok', { group: 'Alps', tags: ['core'] }],
    ]);
    const ordered = visibleServers(g.servers, g.verdicts, DEFAULT_FLEET_VIEW);
    expect(groupServers(ordered, 'group', g.verdicts).map((x) => [x.label, x.servers.map((s) => s.name)])).toEqual([
      ['East', ['b']],
      ['Alps', ['d']],
      ['West', ['a']],
      ['No group', ['c']],
    ]);
    expect(groupServers(ordered, 'tag', g.verdicts).map((x) => [x.label, x.servers.map((s) => s.name)])).toEqual([
      ['edge', ['b', 'a']],
      ['core', ['a', 'd']],
      ['No tag', ['c']],
    ]);
  });
});

describe('fleet view in the URL', () => {
  it('round-trips every choice and leaves defaults out', () => {
    const v = { sort: 'name', problemsOnly: true, groupBy: 'tag', density: 'table', wall: true, filter: 'fra' } as const;
    expect(parseFleetView(fleetViewQuery(v))).toEqual(v);
    expect(fleetViewQuery(DEFAULT_FLEET_VIEW)).toBe('');
  });

  it('reads hostile or unknown values as the defaults', () => {
    expect(parseFleetView('density=__proto__&group=constructor&sort=<b>&problems=maybe')).toEqual(DEFAULT_FLEET_VIEW);
    expect(parseFleetView(`q=${'x'.repeat(1000)}`).filter).toHaveLength(200);
  });

  it('remembers the desk view without wall mode or the filter, and survives a storage that throws', () => {
    const store = new Map<string, string>();
    const storage = { setItem: (k: string, v: string) => void store.set(k, v), getItem: (k: string) => store.get(k) ?? null };
    rememberFleetView(storage, { ...DEFAULT_FLEET_VIEW, density: 'compact', wall: true, filter: 'x' });
    expect(lastFleetQuery(storage)).toBe('density=compact');
    const broken = { setItem: () => { throw new Error('quota'); }, getItem: () => { throw new Error('denied'); } };
    expect(() => rememberFleetView(broken, DEFAULT_FLEET_VIEW)).not.toThrow();
    expect(lastFleetQuery(broken)).toBe('');
  });
});

describe('wall layout', () => {
  it('50 servers on a 3840x2160 wall: all on screen, type of at least 28 px', () => {
    const l = wallLayout(50, 3840, 1900);
    expect(l.cols * l.rows).toBeGreaterThanOrEqual(50);
    expect(l.rows * l.rowPx).toBeLessThanOrEqual(1900);
    expect(l.fontPx).toBeGreaterThanOrEqual(28);
  });

  it('200 servers still fit one screen, at no less than 12 px', () => {
    const l = wallLayout(200, 3840, 1900);
    expect(l.cols * l.rows).toBeGreaterThanOrEqual(200);
    expect(l.rows * l.rowPx).toBeLessThanOrEqual(1900);
    expect(l.fontPx).toBeGreaterThanOrEqual(12);
  });
});
