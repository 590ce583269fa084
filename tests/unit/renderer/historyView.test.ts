import { describe, expect, it } from 'vitest';
import { parseRoute, routeHref } from '../../../renderer/src/hooks/useRoute';
import { parseRange, parseServerView, rangeQuery, serverViewQuery } from '../../../renderer/src/lib/historyView';

describe('chart views in the URL', () => {
  it('round-trips the server page tab and range through the hash route', () => {
    const query = serverViewQuery({ tab: 'charts', range: '7d' });
    const route = parseRoute(routeHref({ page: 'server', id: 'dns/hq 1', query }));
    expect(route).toEqual({ page: 'server', id: 'dns/hq 1', query: 'tab=charts&range=7d' });
    expect(parseServerView(route.page === 'server' ? route.query : '')).toEqual({ tab: 'charts', range: '7d' });
  });

  it('keeps the plain server link plain, and falls back on values it does not know', () => {
    expect(serverViewQuery({ tab: 'overview', range: '1h' })).toBeUndefined();
    expect(routeHref({ page: 'server', id: 'a' })).toBe('#/server/a');
    expect(parseServerView('tab=__proto__&range=constructor')).toEqual({ tab: 'overview', range: '1h' });
    expect(parseServerView('tab=<b>x</b>')).toEqual({ tab: 'overview', range: '1h' });
    expect(parseServerView('tab=queries').tab).toBe('queries'); // a tab another feature adds needs nothing here
  });

  it('carries the dashboard range', () => {
    expect(parseRoute(routeHref({ page: 'dashboard', query: rangeQuery('24h') }))).toEqual({ page: 'dashboard', query: 'range=24h' });
    expect(routeHref({ page: 'dashboard', query: rangeQuery('1h') })).toBe('#/dashboard');
    expect(parseRange('range=9y')).toBe('1h');
  });
});
