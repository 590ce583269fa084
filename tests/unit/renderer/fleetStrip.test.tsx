import { MantineProvider } from '@mantine/core';
import { renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { FleetStrip } from '../../../renderer/src/components/FleetStrip/FleetStrip';
import type { FleetTotals } from '../../../shared/domain/fleetTotals';
import { emptyCounts } from '../../../shared/domain/verdict';

const totals = (over: Partial<FleetTotals> = {}): FleetTotals => ({
  at: new Date().toISOString(),
  watched: 4,
  live: 3,
  qps: { value: 120, from: 3 },
  blocked: { percent: 12.5, blockedToday: 125, queriesToday: 1000, from: 3 },
  alerts: { critical: 0, error: 0, warning: 0, info: 0, unhandled: 0 },
  verdict: { level: 'blind', counts: { ...emptyCounts(), blind: 1, ok: 3 }, total: 4 },
  ...over,
});
const strip = (t: FleetTotals | null, error: string | null = null) =>
  renderToString(
    <MantineProvider>
      <FleetStrip totals={t} error={error} verdict={t?.verdict ?? null} />
    </MantineProvider>,
  ).replace(/<!-- -->/g, '');

describe('the fleet strip renders what the core summed, and what it left out', () => {
  it('says which servers a sum covers', () => {
    expect(strip(totals())).toContain('from 3 of 4 servers (1 not live)');
  });
  it('says unknown, never 0, when no server has a current reading', () => {
    const html = strip(totals({ live: 0, qps: { value: null, from: 0 }, blocked: { percent: null, blockedToday: 0, queriesToday: 0, from: 0 } }));
    expect(html.match(/>unknown</g)).toHaveLength(2);
  });
  it('labels totals that are old (the core did not answer lately) with their age', () => {
    expect(strip(totals({ at: new Date(Date.now() - 60_000).toISOString() }))).toMatch(/Totals as of 1 min ago/);
    expect(strip(totals())).not.toMatch(/Totals as of/);
  });
  it('says when the totals could not be had', () => {
    expect(strip(null, 'the core is not reachable')).toContain('Fleet totals unavailable: the core is not reachable');
  });
});
