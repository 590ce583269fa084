import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AnalyticsSettingsSchema } from '../../../electron/core/analytics/analyticsSettings';
import { BASELINE_FILE, baselineFileStore } from '../../../electron/core/analytics/baselineFile';
import { emptyModel, observe } from '../../../electron/core/analytics/QpsModel';
import { QpsWatch } from '../../../electron/core/analytics/QpsWatch';
import { nullLogger } from '../../../electron/core/util/logger';
import { HOUR } from '../../../shared/domain/ids';
import { FakeClock } from '../alerts/support/FakeClock';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
const dataDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'dnsfleet-baseline-'));
  dirs.push(d);
  return d;
};

describe('qps-baseline.json', () => {
  it('round-trips every server model, and hostile keys stay data', () => {
    const dir = dataDir();
    const m = emptyModel();
    for (let t = 0; t < 3 * HOUR; t += 60_000) observe(m, Date.UTC(2026, 0, 5) + t, 42);
    baselineFileStore(dir).save(new Map([['dns-01', m], ['__proto__', emptyModel()]]));
    const loaded = baselineFileStore(dir).load();
    expect(loaded.get('dns-01')).toEqual(m);
    expect([...loaded.keys()].sort()).toEqual(['__proto__', 'dns-01']);
    expect(({} as Record<string, unknown>).week).toBeUndefined();
  });

  it('a damaged entry costs that server its history only; an unreadable file starts learning again', () => {
    const dir = dataDir();
    const good = emptyModel();
    writeFileSync(join(dir, BASELINE_FILE), JSON.stringify({ version: 1, servers: { 'dns-01': good, 'dns-02': { week: 'nope' } } }));
    expect([...baselineFileStore(dir).load().keys()]).toEqual(['dns-01']);

    writeFileSync(join(dir, BASELINE_FILE), '{not json');
    const warnings: string[] = [];
    const watch = new QpsWatch({
      clock: new FakeClock(),
      logger: { ...nullLogger, warn: (msg: string) => void warnings.push(msg) },
      settings: () => AnalyticsSettingsSchema.parse({}),
      report: () => {},
      nameOf: (id) => id,
      store: baselineFileStore(dir),
    });
    expect(warnings).toEqual(['qps baselines unreadable; learning again']);
    watch.observeCounter('dns-01', 'samples', 10);
    watch.dispose();
    expect(JSON.parse(readFileSync(join(dir, BASELINE_FILE), 'utf8'))).toMatchObject({ version: 1, servers: { 'dns-01': { learnedHours: 0 } } });
  });
});
