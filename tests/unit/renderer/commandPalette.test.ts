import { describe, expect, it } from 'vitest';
import { matchPalette, paletteEntries } from '../../../renderer/src/lib/commandPalette';
import type { ServerVerdict } from '../../../shared/domain/verdict';
import { alert, serverStatus } from '../../e2e/support/fakeData';

const NOW = 1_800_000_000_000;
const servers = [serverStatus('fra-1', 'live', { name: 'dns-fra-1', group: 'Europe', tags: ['edge'] }), serverStatus('nyc-1', 'live', { name: 'dns-nyc-1' })];
const verdicts = new Map<string, ServerVerdict>([['fra-1', { serverId: 'fra-1', name: 'dns-fra-1', level: 'critical', reasons: ['BIND is not running'], acknowledged: false, since: '' }]]);
const alerts = [
  alert({ id: 'a1', serverId: 'fra-1', status: 'active', title: 'BIND is not running' }),
  alert({ id: 'a2', serverId: 'fra-1', status: 'active' }),
  alert({ id: 'a3', serverId: 'fra-1', status: 'acknowledged' }),
  alert({ id: 'a4', serverId: 'nyc-1', status: 'snoozed' }),
];

describe('command palette entries', () => {
  const entries = paletteEntries({ servers, verdicts, alerts, maintenance: new Map([['nyc-1', NOW + 60_000]]), now: NOW });
  const byId = (id: string) => entries.find((e) => e.id === id);

  it('offers acknowledge and snooze only for the active alerts of a server', () => {
    expect(byId('ack:fra-1')?.intent).toEqual({ kind: 'acknowledge', alertIds: ['a1', 'a2'] });
    expect(byId('ack:fra-1')?.label).toBe('Acknowledge 2 alerts on dns-fra-1');
    expect(byId('snooze:fra-1')?.intent).toEqual({ kind: 'snooze', alertIds: ['a1', 'a2'], minutes: 60 });
    expect(byId('ack:nyc-1')).toBeUndefined(); // snoozed is handled already
  });

  it('starts maintenance for an hour, or ends the window a server is in', () => {
    expect(byId('maint:fra-1')?.intent).toEqual({ kind: 'maintenance', serverId: 'fra-1', minutes: 60 });
    expect(byId('maint-end:nyc-1')?.intent).toEqual({ kind: 'maintenance', serverId: 'nyc-1', minutes: null });
  });

  it('matches every typed word in label, verdict, group or tag; search events closes the list', () => {
    expect(matchPalette(entries, 'europe ack').map((e) => e.id)).toEqual(['ack:fra-1', 'search-events']);
    expect(matchPalette(entries, 'critical').map((e) => e.id)[0]).toBe('open:fra-1');
    expect(matchPalette(entries, 'nothing-like-this').map((e) => e.intent)).toEqual([{ kind: 'search-events', query: 'nothing-like-this' }]);
    expect(matchPalette(entries, '').some((e) => e.id === 'search-events')).toBe(false);
    expect(matchPalette(entries, 'dns', 3)).toHaveLength(3);
    expect(matchPalette(entries, 'dns', 3).at(-1)?.id).toBe('search-events');
  });
});
