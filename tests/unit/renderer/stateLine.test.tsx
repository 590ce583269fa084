import { MantineProvider } from '@mantine/core';
import { renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { StateLine } from '../../../renderer/src/components/ServerTile/StateLine';
import { serverStatus } from '../../e2e/support/fakeData';

const line = (over: Parameters<typeof serverStatus>[2], state: Parameters<typeof serverStatus>[1] = 'offline') =>
  renderToString(
    <MantineProvider>
      <StateLine status={serverStatus('a', state, over)} />
    </MantineProvider>,
  );
const iso = (ms: number) => new Date(Date.now() + ms).toISOString();

describe('the tile says how long a server has been silent, in words', () => {
  it('silent for 42 s, reconnecting in 12 s, then why', () => {
    const html = line({ blindSince: iso(-42_000), reconnect: { attempt: 3, nextAt: iso(12_000) }, detail: 'no answer from the server for 14 s (ping unanswered)' });
    expect(html).toMatch(/Silent for 4[1-3] s, reconnecting in 1[1-3] s \(attempt 3\) · no answer from the server for 14 s/);
  });
  it('while a retry is under way it says so, not which protocol step it is in', () => {
    const html = line({ blindSince: iso(-125_000), reconnect: null, detail: 'server unreachable: request timed out; trying again now (attempt 2)' }, 'reconnecting');
    expect(html).toMatch(/Silent for 2 min [4-6] s, trying again now · server unreachable/);
  });
  it('a live server says nothing about silence', () => {
    expect(line({ blindSince: null }, 'live')).not.toMatch(/[Ss]ilent/);
  });
});
