import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AlertEngine } from '../../../electron/core/alerts/AlertEngine';
import { SqliteEventLog } from '../../../electron/core/eventlog/SqliteEventLog';
import { nullLogger } from '../../../electron/core/util/logger';
import { FakeClock } from './support/FakeClock';
import { forwarderChange, status } from './support/fixtures';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('alert state across a restart (real SQLite event log)', () => {
  it('an acknowledged alert comes back acknowledged and still resolves when the forwarder recovers', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'dnsfleet-alerts-'));
    dirs.push(dataDir);
    const clock = new FakeClock();

    let log = SqliteEventLog.open({ dataDir, logger: nullLogger });
    let engine = new AlertEngine({ clock, logger: nullLogger, store: log });
    engine.onServerStatus(status('dns-1', 'live'));
    engine.ingest([forwarderChange('dns-1', 4, 'unhealthy'), forwarderChange('dns-1', 5, 'degraded')]);
    const [fw4] = engine.list({ includeResolved: false, limit: 10 }).filter((a) => a.key === 'forwarder:4');
    engine.acknowledge([fw4!.id], 'upstream ISP ticket', 'alice');
    engine.dispose();
    await log.close();

    log = SqliteEventLog.open({ dataDir, logger: nullLogger });
    engine = new AlertEngine({ clock, logger: nullLogger, store: log });
    const reloaded = engine.list({ includeResolved: false, limit: 10 });
    expect(reloaded.map((a) => `${a.key}:${a.status}`).sort()).toEqual(['forwarder:4:acknowledged', 'forwarder:5:active']);
    expect(reloaded.find((a) => a.key === 'forwarder:4')?.ack).toMatchObject({ by: 'alice', note: 'upstream ISP ticket' });

    const raised: string[] = [];
    engine.onDidRaise((a) => raised.push(a.key));
    engine.ingest([forwarderChange('dns-1', 4, 'unhealthy'), forwarderChange('dns-1', 4, 'healthy')]);
    expect(raised).toEqual([]); // no duplicate pop-up for a condition known before the restart
    await log.flush();
    expect(log.listAlerts({ includeResolved: true, limit: 10 }).find((a) => a.id === fw4!.id)).toMatchObject({
      status: 'resolved',
      count: 2,
    });
    engine.dispose();
    await log.close();
  });
});
