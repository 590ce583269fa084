import { afterEach, describe, expect, it } from 'vitest';
import { SECOND } from '../../../shared/domain/ids';
import { event, harness, status, type Harness } from './support/fixtures';

let h: Harness;
afterEach(() => h.engine.dispose());

describe('connection alerts', () => {
  it('does not notify for a reconnect blip shorter than the grace period', () => {
    h = harness({ connectionGraceMs: 30 * SECOND });
    h.engine.onServerStatus(status('dns-1', 'live'));
    h.engine.onServerStatus(status('dns-1', 'reconnecting'));
    h.clock.advance(29 * SECOND);
    h.engine.onServerStatus(status('dns-1', 'connecting'));
    h.engine.onServerStatus(status('dns-1', 'live'));
    h.clock.advance(60 * SECOND);
    expect(h.raised).toEqual([]);
    expect(h.engine.list({ includeResolved: true, limit: 10 })).toEqual([]);
  });

  it('raises "No data from <server> for N s" after the grace period and resolves when live again', () => {
    h = harness({ connectionGraceMs: 30 * SECOND });
    const lastDataAt = new Date(h.clock.now() - 10 * SECOND).toISOString();
    h.engine.onServerStatus(status('dns-1', 'live'));
    h.engine.onServerStatus(status('dns-1', 'stale', { lastDataAt }));
    h.clock.advance(10 * SECOND);
    h.engine.onServerStatus(status('dns-1', 'reconnecting', { lastDataAt, detail: 'ECONNREFUSED' }));
    h.clock.advance(20 * SECOND);
    expect(h.raised).toHaveLength(1);
    expect(h.raised[0]).toMatchObject({ key: 'connection', severity: 'error', title: 'No data from DNS dns-1 for 40 s' });
    expect(h.raised[0]?.detail).toContain('reconnecting: ECONNREFUSED');

    h.engine.onServerStatus(status('dns-1', 'offline', { lastDataAt }));
    expect(h.raised).toHaveLength(1); // still the same blindness, not a new alert
    h.engine.onServerStatus(status('dns-1', 'live'));
    expect(h.openAlert('dns-1', 'connection')).toBeUndefined();
  });

  it('a server that never connects at start-up is reported, not shown as fine', () => {
    h = harness({ connectionGraceMs: 30 * SECOND });
    h.engine.onServerStatus(status('dns-1', 'connecting'));
    h.clock.advance(30 * SECOND);
    expect(h.openAlert('dns-1', 'connection')).toBeDefined();
  });

  it.each([
    ['auth-failed', 'auth', 'error'],
    ['account-locked', 'auth', 'critical'],
    ['needs-2fa', 'auth', 'warning'],
    ['replaced', 'session', 'warning'],
    ['tls-untrusted', 'tls', 'error'],
  ] as const)('%s raises a %s alert at once with severity %s', (state, key, severity) => {
    h = harness();
    h.engine.onServerStatus(status('dns-1', 'live'));
    h.engine.onServerStatus(status('dns-1', state, { tlsFingerprint: 'AB:CD' }));
    expect(h.raised).toHaveLength(1);
    expect(h.raised[0]).toMatchObject({ key, severity, status: 'active' });
    h.engine.onServerStatus(status('dns-1', 'live'));
    expect(h.openAlert('dns-1', key)).toBeUndefined();
  });

  it('advises a dedicated monitoring account when the session is replaced', () => {
    h = harness();
    h.engine.onServerStatus(status('dns-1', 'replaced'));
    expect(h.raised[0]?.detail).toMatch(/dedicated monitoring account/);
  });

  it('a locked account escalates an auth alert even while it is snoozed', () => {
    h = harness();
    h.engine.onServerStatus(status('dns-1', 'auth-failed'));
    const id = h.raised[0]!.id;
    h.engine.snooze([id], 60);
    h.engine.onServerStatus(status('dns-1', 'account-locked'));
    expect(h.raised.map((a) => a.severity)).toEqual(['error', 'critical']);
    expect(h.openAlert('dns-1', 'auth')).toMatchObject({ id, status: 'active', snoozedUntil: null });
  });

  it('does not add a "no data" alert while an auth alert already explains the silence', () => {
    h = harness({ connectionGraceMs: 30 * SECOND });
    h.engine.onServerStatus(status('dns-1', 'connecting'));
    h.engine.onServerStatus(status('dns-1', 'auth-failed'));
    h.clock.advance(5 * 60 * SECOND);
    expect(h.engine.list({ includeResolved: false, limit: 10 }).map((a) => a.key)).toEqual(['auth']);
  });

  it('disabling a server clears its connection alerts', () => {
    h = harness({ connectionGraceMs: 1 * SECOND });
    h.engine.onServerStatus(status('dns-1', 'offline'));
    h.clock.advance(SECOND);
    expect(h.openAlert('dns-1', 'connection')).toBeDefined();
    h.engine.onServerStatus(status('dns-1', 'disabled'));
    expect(h.engine.list({ includeResolved: false, limit: 10 })).toEqual([]);
  });

  it('follows connection_state events for servers whose status is not fed directly (CLI replay)', () => {
    h = harness({ connectionGraceMs: 1 * SECOND });
    h.engine.ingest([event('dns-9', 'connection_state', { state: 'account-locked', previous: 'authenticating' })]);
    expect(h.openAlert('dns-9', 'auth')?.severity).toBe('critical');
    h.engine.ingest([event('dns-9', 'connection_state', { state: 'live', previous: 'authenticating' })]);
    expect(h.openAlert('dns-9', 'auth')).toBeUndefined();
  });
});
