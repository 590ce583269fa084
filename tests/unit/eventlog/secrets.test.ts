/**
 * A stored secret must not come back from anything the event log writes or announces (issue 17.12):
 * a password a server echoes in an odd field (`type`, `id`, the dedup key), a token in every field,
 * and text cut short before it was masked (a JWT's header and payload without its signature).
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Alert } from '../../../shared/domain/alert';
import type { FleetEvent } from '../../../shared/domain/fleetEvent';
import { Normaliser } from '../../../electron/core/hybrid-dns/Normaliser';
import { createLogger, nullLogger } from '../../../electron/core/util/logger';
import { forgetSecret, registerSecret } from '../../../electron/core/util/redact';
import { sampleEvent } from '../../fixtures/eventlog/sampleEvents';
import { harness, type Harness } from './helpers';

const PASSWORD = 'Tr0ub4dor-and-3';
/** A token the server issued (registered as a secret); JWT_PAYLOAD is the part that must never show. */
const TOKEN = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJtb25pdG9yIiwicm9sZSI6ImFkbWluIn0.Zm9yZ2VkLXNpZ25hdHVyZQ';
const JWT_PAYLOAD = 'eyJzdWIiOiJtb25pdG9yIiwicm9sZSI6ImFkbWluIn0';

let h: Harness;
beforeEach(() => {
  h = harness();
  registerSecret(PASSWORD);
  registerSecret(TOKEN);
});
afterEach(async () => {
  forgetSecret(PASSWORD);
  forgetSecret(TOKEN);
  await h.cleanup();
});

const leaks = (text: string): string[] => [PASSWORD, TOKEN, JWT_PAYLOAD, PASSWORD.slice(0, 8), TOKEN.slice(0, 30)].filter((s) => text.includes(s));

function everyField(secret: string): FleetEvent {
  const e = sampleEvent(1, { startMs: Date.now() - 60_000 });
  return {
    ...e,
    id: `ev-${secret}`,
    serverId: `dns-${secret}`,
    type: `login_failed_${secret}`,
    title: `login ${secret}`,
    summary: `echo ${secret}`,
    data: { note: secret, nested: [secret] },
    dedupKey: `u:dns:${secret}`,
  };
}

describe('secrets in any stored field', () => {
  it('masks a password and a token in every field: stored, announced, exported, and on disk', async () => {
    const log = h.open();
    const announced: FleetEvent[] = [];
    log.onDidCommit((b) => announced.push(...b.events));
    log.append([everyField(PASSWORD), { ...everyField(TOKEN), dedupKey: `t:${TOKEN}` }]);
    const raised: Alert = {
      id: 'al-1', serverId: 'dns-1', key: `auth:${PASSWORD}`, rule: 'auth', severity: 'error', title: `login as ${PASSWORD} refused`, detail: `token ${TOKEN}`,
      status: 'active', raisedAt: new Date().toISOString(), lastSeenAt: new Date().toISOString(), resolvedAt: null, ack: null, snoozedUntil: null, eventId: null, count: 1,
    };
    log.saveAlert(raised);
    await log.flush();

    const stored = log.query({}, null, 10).items;
    expect(stored).toHaveLength(2);
    expect(leaks(JSON.stringify(stored))).toEqual([]);
    expect(stored.map((e) => e.type)).toEqual(['login_failed_[REDACTED]', 'login_failed_[REDACTED]']);
    expect(leaks(JSON.stringify(announced))).toEqual([]);
    expect(announced).toHaveLength(2);
    expect(leaks(JSON.stringify(log.listAlerts({ includeResolved: true, limit: 10 })))).toEqual([]);

    const ndjson = join(h.dir, 'out.ndjson');
    const csv = join(h.dir, 'out.csv');
    await log.exportTo({}, 'ndjson', ndjson);
    await log.exportTo({}, 'csv', csv);
    expect(leaks(readFileSync(ndjson, 'utf8'))).toEqual([]);
    expect(leaks(readFileSync(csv, 'utf8'))).toEqual([]);

    await log.close();
    for (const f of ['events.db', 'events.db-wal']) {
      const path = join(h.dir, f);
      if (existsSync(path)) expect(leaks(readFileSync(path).toString('latin1')), f).toEqual([]);
    }
  });

  it('masks text before it is cut: a rejected frame in the log, a long message in a title or summary', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dnsfleet-secrets-'));
    try {
      const file = join(dir, 'dnsfleet.log');
      const normaliser = new Normaliser('dns-1', createLogger('test', { file, level: 'warn' }));
      // 11 characters, then the token: cut at 80, its signature keeps 3 characters, too few to look like a JWT.
      const frame = `{not json: ${TOKEN} and then ${PASSWORD}}`;
      expect(normaliser.ingest(frame, 'legacy', Date.now()).rejected).not.toBeNull();
      const logged = readFileSync(file, 'utf8');
      expect(logged).toContain('frame rejected');
      expect(leaks(logged)).toEqual([]);

      // A message cut at 500 characters in the middle of the password.
      const message = `${'x'.repeat(500 - 8)}${PASSWORD} trailing`;
      const out = new Normaliser('dns-1', nullLogger).ingest(JSON.stringify({ type: 'health_alert', data: { message } }), 'legacy', Date.now());
      expect(out.events).toHaveLength(1);
      // The summary is cut; `data` keeps the whole message, which packing masks as it does every field.
      const { title, summary } = out.events[0]!;
      expect(summary.length).toBeGreaterThan(400);
      expect(leaks(`${title} ${summary}`)).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
