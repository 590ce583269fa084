import { MantineProvider } from '@mantine/core';
import { renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { EventRow } from '../../../renderer/src/components/EventTable/EventRow';
import { ServerTile } from '../../../renderer/src/components/ServerTile/ServerTile';
import { fleetEvent, serverStatus } from '../../e2e/support/fakeData';

const HOSTILE = '<img src=x onerror=alert(1)>';
const noop = () => {};

describe('server-provided strings are rendered as text', () => {
  it('escapes a hostile event title and server name', () => {
    const html = renderToString(
      <MantineProvider>
        <EventRow event={fleetEvent({ title: HOSTILE, type: '<script>x</script>' })} serverName={HOSTILE} onSelect={() => {}} />
      </MantineProvider>,
    );
    expect(html).not.toContain('<img');
    expect(html).not.toContain('<script>x');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });

  it('escapes a hostile server name and state detail on a tile', () => {
    const html = renderToString(
      <MantineProvider>
        <ServerTile status={serverStatus('a', 'offline', { name: HOSTILE, detail: HOSTILE })} verdict={{ serverId: 'a', name: HOSTILE, level: 'blind', reasons: [`Offline: ${HOSTILE}`], acknowledged: false, since: new Date().toISOString() }} series={{}} maintenanceUntil={Date.now() + 60_000} onOpen={noop} onSetMaintenance={noop} onEnterTotp={noop} onTrust={noop} onRetry={noop} onFixPassword={noop} />
      </MantineProvider>,
    );
    expect(html).not.toContain('<img');
    expect(html.match(/&lt;img src=x onerror=alert\(1\)&gt;/g)?.length).toBeGreaterThanOrEqual(3);
  });
});
