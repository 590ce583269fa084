// One failure, one alert: BIND stopped per the API (`bind`) and DNS silent per the probes (`probe:dns`)
// are two witnesses of one failure, in whichever order they speak.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { FleetEvent } from '../../../shared/domain/fleetEvent';
import { HOUR, MINUTE } from '../../../shared/domain/ids';
import { AlertForwarder, type DeliveryAttempt } from '../../../electron/core/forwarding/AlertForwarder';
import { AlertOutbox } from '../../../electron/core/forwarding/AlertOutbox';
import { alertmanagerAlert, type AlertmanagerAlert } from '../../../electron/core/forwarding/alertmanagerPayload';
import { nullLogger } from '../../../electron/core/util/logger';
import { event, harness, status, type Harness } from './support/fixtures';

let h: Harness;
const cleanups: (() => void)[] = [];
afterEach(() => {
  h.engine.dispose();
  for (const c of cleanups.splice(0)) c();
});

const bindDown = (): FleetEvent => ({ ...event('dns-1', 'bind_down', { running: false }, 'critical'), summary: 'named stopped' });
const bindUp = (): FleetEvent => event('dns-1', 'bind_up', { running: true });
const probe = (type: 'probe_dns_silent' | 'probe_dns_answering'): FleetEvent => ({
  ...event('dns-1', type, { key: 'probe:dns' }, type === 'probe_dns_silent' ? 'critical' : 'info'),
  category: 'dns',
  title: 'DNS on DNS 1 does not answer while its API is live',
  summary: 'no answer over UDP (public: probe failed: timeout after 2000 ms)',
});
const live = (bindRunning: boolean) => status('dns-1', 'live', { bindRunning });
const open = () => h.engine.list({ includeResolved: false, limit: 10 });
const BOTH = 'BIND reported stopped by the API; DNS probe: no answer over UDP (public: probe failed: timeout after 2000 ms)';

describe('BIND down (API) and DNS silent (probe): one alert', () => {
  it('API first: the probe joins the BIND alert, one notification, both witnesses in its detail', () => {
    h = harness();
    h.engine.onServerStatus(live(true));
    h.engine.ingest([bindDown()]);
    h.engine.ingest([probe('probe_dns_silent')]);
    expect(open()).toEqual([expect.objectContaining({ key: 'bind', rule: 'bind', severity: 'critical', title: 'BIND is down on DNS dns-1', detail: BOTH })]);
    expect(h.raised).toHaveLength(1);
  });

  it('probe first: the BIND-down joins the probe alert (its key and rule stay), one notification, worded as BIND down', () => {
    h = harness();
    h.engine.ingest([probe('probe_dns_silent')]);
    expect(open()[0]).toMatchObject({ key: 'probe:dns', detail: 'no answer over UDP (public: probe failed: timeout after 2000 ms)' });
    h.engine.ingest([bindDown()]);
    expect(open()).toEqual([expect.objectContaining({ key: 'probe:dns', rule: 'probe_dns', title: 'BIND is down on dns-1', detail: BOTH, count: 2 })]);
    expect(h.raised).toHaveLength(1);
  });

  it('the API saying BIND runs again while DNS is still silent keeps the alert open and says which one still fails', () => {
    h = harness();
    h.engine.onServerStatus(live(true));
    h.engine.ingest([bindDown(), probe('probe_dns_silent')]);
    const id = open()[0]!.id;
    h.engine.ingest([bindUp()]);
    h.engine.onServerStatus(live(false));
    h.engine.onServerStatus(live(true)); // fresh evidence of BIND running: still not the whole failure
    expect(open()).toEqual([
      expect.objectContaining({
        id,
        status: 'active',
        severity: 'critical',
        title: 'DNS on DNS 1 does not answer while its API is live',
        detail: 'Still failing: DNS probe: no answer over UDP (public: probe failed: timeout after 2000 ms); recovered: BIND running again per the API',
      }),
    ]);
    h.engine.ingest([probe('probe_dns_answering')]);
    expect(open()).toEqual([]);
    expect(h.changed.filter((a) => a.status === 'resolved').map((a) => a.id)).toEqual([id]);
    expect(h.raised).toHaveLength(1);
  });

  it('DNS answering again while the API still says BIND is stopped keeps it open; BIND running resolves it', () => {
    h = harness();
    h.engine.onServerStatus(live(true));
    h.engine.ingest([probe('probe_dns_silent'), bindDown()]);
    h.engine.onServerStatus(live(false));
    h.engine.ingest([probe('probe_dns_answering')]);
    expect(open()).toEqual([expect.objectContaining({ title: 'BIND is down on DNS dns-1', detail: 'Still failing: BIND reported stopped by the API; recovered: DNS probe: answers again' })]);
    h.engine.onServerStatus(live(true));
    expect(open()).toEqual([]);
  });

  it('a hung named (the API says BIND runs) is the probe alone: critical, and BIND running does not resolve it', () => {
    h = harness();
    h.engine.onServerStatus(live(true));
    h.engine.ingest([probe('probe_dns_silent')]);
    h.engine.ingest([bindUp()]);
    h.engine.onServerStatus(live(true));
    expect(open()).toEqual([expect.objectContaining({ key: 'probe:dns', severity: 'critical', title: 'DNS on DNS 1 does not answer while its API is live' })]);
  });

  it('an acknowledged or snoozed alert stays so when the other witness joins, and nothing notifies', () => {
    h = harness();
    h.engine.ingest([bindDown()]);
    h.engine.acknowledge([open()[0]!.id], 'restarting named', 'alice');
    h.engine.ingest([probe('probe_dns_silent')]);
    expect(open()).toEqual([expect.objectContaining({ status: 'acknowledged', detail: BOTH })]);
    h.engine.ingest([bindUp(), probe('probe_dns_answering')]);

    h.engine.ingest([probe('probe_dns_silent')]);
    h.engine.snooze([open()[0]!.id], 30);
    h.engine.ingest([bindDown()]);
    expect(open()).toEqual([expect.objectContaining({ status: 'snoozed', detail: BOTH })]);
    expect(h.raised).toHaveLength(2); // the two failures, each told once
  });

  it('under maintenance neither witness notifies; when it ends the one alert is told once', () => {
    h = harness();
    h.engine.setMaintenance('dns-1', h.clock.now() + HOUR);
    h.engine.ingest([bindDown(), probe('probe_dns_silent')]);
    expect(open()).toHaveLength(1);
    expect(h.raised).toHaveLength(0);
    h.clock.advance(HOUR + MINUTE);
    expect(h.raised).toEqual([expect.objectContaining({ key: 'bind', detail: BOTH })]);
  });
});

// The API unreachable while DNS answers: "No data from …" (the connection rule, key `connection`) and
// "API … down while its DNS answers" (the probe, key `probe:api`) are two witnesses of one failure.
const apiProbe = (type: 'probe_api_down_dns_up' | 'probe_api_down_dns_up_over'): FleetEvent => ({
  ...event('dns-1', type, { key: 'probe:api' }, type === 'probe_api_down_dns_up' ? 'warning' : 'info'),
  category: 'dns',
  title: 'API of DNS 1 is down while its DNS answers',
  summary: 'Clients are still served; the monitor cannot see health, alerts or zones until the API is back.',
});
const GRACE = 30_000;
const API_DOWN_BOTH =
  'DNS probe: DNS answers. Clients are still served; the monitor cannot see health, alerts or zones until the API is back; API: The server is reconnecting: connection reset. Its tiles show the last known values, not the current state';

describe('the API unreachable (connection rule) while DNS answers (probe): one alert', () => {
  const blind = () => h.engine.onServerStatus(status('dns-1', 'reconnecting', { detail: 'connection reset' }));

  it('"No data" first: the probe joins it, one notification, worded as the API down while DNS answers; the API back resolves it', () => {
    h = harness({ connectionGraceMs: GRACE });
    h.engine.onServerStatus(live(true));
    blind();
    h.clock.advance(GRACE);
    expect(open()).toEqual([expect.objectContaining({ key: 'connection', title: 'No data from DNS dns-1 for 30 s' })]);
    h.engine.ingest([apiProbe('probe_api_down_dns_up')]);
    expect(open()).toEqual([expect.objectContaining({ key: 'connection', rule: 'connection', severity: 'error', title: 'API of DNS 1 is down while its DNS answers', detail: API_DOWN_BOTH })]);
    expect(h.raised).toHaveLength(1);
    const id = open()[0]!.id;
    h.engine.onServerStatus(live(true));
    h.engine.ingest([apiProbe('probe_api_down_dns_up_over')]);
    expect(open()).toEqual([]);
    expect(h.changed.filter((a) => a.status === 'resolved').map((a) => a.id)).toEqual([id]);
  });

  it('the probe first: "No data" joins the probe alert (its key stays), one notification', () => {
    h = harness({ connectionGraceMs: GRACE });
    h.engine.onServerStatus(live(true));
    blind();
    h.engine.ingest([apiProbe('probe_api_down_dns_up')]);
    h.clock.advance(GRACE);
    expect(open()).toEqual([expect.objectContaining({ key: 'probe:api', rule: 'probe_api', severity: 'error', title: 'API of DNS 1 is down while its DNS answers', detail: API_DOWN_BOTH })]);
    expect(h.raised).toHaveLength(1);
  });

  it('DNS stopping too (the probe stands down) leaves "No data" open, saying the probe no longer sees DNS answering', () => {
    h = harness({ connectionGraceMs: GRACE });
    h.engine.onServerStatus(live(true));
    blind();
    h.clock.advance(GRACE);
    h.engine.ingest([apiProbe('probe_api_down_dns_up')]);
    h.engine.ingest([apiProbe('probe_api_down_dns_up_over')]);
    expect(open()).toEqual([
      expect.objectContaining({
        key: 'connection',
        title: 'No data from DNS dns-1 for 30 s',
        detail: 'Still failing: API: The server is reconnecting: connection reset. Its tiles show the last known values, not the current state; recovered: DNS probe: DNS no longer answers either',
      }),
    ]);
    h.engine.onServerStatus(live(true));
    expect(open()).toEqual([]);
    expect(h.raised).toHaveLength(1);
  });
});

describe('forwarding the merged alert', () => {
  it('Alertmanager gets one firing and one resolved for the failure, under one label set', async () => {
    h = harness();
    const dir = mkdtempSync(join(tmpdir(), 'dnsfleet-witness-'));
    const outbox = AlertOutbox.open(AlertOutbox.fileIn(dir));
    const bodies: AlertmanagerAlert[] = [];
    const attempts: DeliveryAttempt[] = [];
    const forwarder = new AlertForwarder({
      clock: h.clock,
      logger: nullLogger,
      outbox,
      targets: [{ id: 'alertmanager', url: 'http://127.0.0.1:9/api/v2/alerts', format: (a, tr, now) => JSON.stringify([alertmanagerAlert(a, undefined, tr, now)]) }],
      send: async (_url, body) => (bodies.push(...(JSON.parse(body) as AlertmanagerAlert[])), 200),
      minSeverity: 'warning',
    });
    cleanups.push(() => (forwarder.dispose(), outbox.close(), rmSync(dir, { recursive: true, force: true })));
    const resolvedSent = new Promise<void>((resolve) =>
      forwarder.onDidAttempt((a) => {
        attempts.push(a);
        if (a.transition === 'resolved') resolve();
      }),
    );
    h.engine.onDidChange((a) => forwarder.observe(a));
    h.engine.onServerStatus(live(true));
    h.engine.ingest([probe('probe_dns_silent'), bindDown()]);
    h.engine.ingest([bindUp(), probe('probe_dns_answering')]);
    await resolvedSent;
    expect(attempts.map((a) => `${a.transition}:${a.outcome}`)).toEqual(['firing:delivered', 'resolved:delivered']);
    expect(new Set(bodies.map((b) => JSON.stringify(b.labels))).size).toBe(1);
    expect(bodies[0]!.labels).toMatchObject({ server: 'dns-1', subject: 'probe:dns', rule: 'probe_dns' });
  });
});
