import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startEmulator, type EmulatedServer } from '../../../electron/emulator';
import { testConnection } from '../../../electron/core/fleet/FleetService';
import { harness, serverConfig, type Harness } from './helpers';

let emu: EmulatedServer | undefined;
let h: Harness | undefined;
afterEach(async () => {
  await h?.fleet.dispose();
  await emu?.close();
  h = undefined;
  emu = undefined;
});

describe('TLS trust', () => {
  it('self-signed: tls-untrusted with the fingerprint, nothing sent; pinned on accept, then live over wss', async () => {
    emu = await startEmulator({ tls: true, healthIntervalMs: 100 });
    h = harness();
    const pins: string[] = [];
    h.fleet.onDidPinCertificate((p) => pins.push(p.fingerprint256));
    h.fleet.setServers([serverConfig(emu.url)]);
    const untrusted = await h.waitState('tls-untrusted');
    expect(untrusted.tlsFingerprint).toBe(emu.fingerprint256);
    expect(emu.control.stats().requestsByPath['/api/auth/login'] ?? 0).toBe(0);
    await h.fleet.trustCertificate('dns-01', 'AA:BB'); // not what the server presented: ignored
    expect(pins).toEqual([]);
    await h.fleet.trustCertificate('dns-01', emu.fingerprint256!.toLowerCase());
    expect(pins).toEqual([emu.fingerprint256]);
    const live = await h.waitState('live');
    expect(live.tlsFingerprint ?? null).toBeNull();
  });

  it('a certificate that does not match its pin is refused with a critical security event', async () => {
    emu = await startEmulator({ tls: true, healthIntervalMs: 100 });
    h = harness();
    const wrong = 'AB:'.repeat(31) + 'AB';
    h.fleet.setServers([serverConfig(emu.url, { tls: { fingerprint256: wrong } })]);
    const refused = await h.waitState('tls-untrusted');
    expect(refused.detail).toMatch(/does not match/);
    const ev = await h.waitEvent((e) => e.type === 'tls_pin_mismatch');
    expect(ev).toMatchObject({ category: 'security', severity: 'critical', data: { presented: emu.fingerprint256 } });
    expect(emu.control.stats().requestsByPath['/api/auth/login'] ?? 0).toBe(0);
  });

  it('a configured pin that matches connects; applying it via setServers does not restart the session', async () => {
    emu = await startEmulator({ tls: true, healthIntervalMs: 100 });
    h = harness();
    const config = serverConfig(emu.url, { tls: { fingerprint256: emu.fingerprint256 } });
    h.fleet.setServers([config]);
    await h.waitState('live');
    const accepted = emu.control.stats().legacyAccepted;
    h.fleet.setServers([{ ...config, tls: { fingerprint256: emu.fingerprint256!.replace(/:/g, '') } }]);
    expect(emu.control.stats().legacyAccepted).toBe(accepted);
    expect(h.fleet.statuses()[0]!.state).toBe('live');
  });

  it('a per-server CA file is trusted without a pin', async () => {
    emu = await startEmulator({ tls: true, healthIntervalMs: 100 });
    const caFile = join(mkdtempSync(join(tmpdir(), 'ca-')), 'ca.pem');
    writeFileSync(caFile, emu.caPem!);
    h = harness();
    h.fleet.setServers([serverConfig(emu.url, { tls: { caFile } })]);
    await h.waitState('live');
  });
});

describe('testConnection', () => {
  it('reports every stage with the fingerprint', async () => {
    emu = await startEmulator({ tls: true, healthIntervalMs: 100 });
    const result = await testConnection(serverConfig(emu.url, { tls: { fingerprint256: emu.fingerprint256 } }), 'monitor-pass', {
      timeoutMs: 3000,
    });
    expect(result.stages.map((s) => [s.stage, s.ok])).toEqual([
      ['resolve', true],
      ['tcp', true],
      ['tls', true],
      ['login', true],
      ['websocket', true],
      ['first-data', true],
    ]);
    expect(result).toMatchObject({ ok: true, fingerprint256: emu.fingerprint256 });
  });

  it('with stack auto, tests the stack the monitor would use for that server', async () => {
    emu = await startEmulator({ tls: true, healthIntervalMs: 100, migrationMode: 'unified_only' });
    const config = serverConfig(emu.url, { stack: 'auto', tls: { fingerprint256: emu.fingerprint256 } });
    const unified = await testConnection(config, 'monitor-pass', { timeoutMs: 3000 });
    expect(unified.ok).toBe(true);
    expect(unified.stages.find((s) => s.stage === 'websocket')?.detail).toMatch(/^unified socket established \(auto/);
    // An idle unified server pushes nothing for a minute: the reply to the subscription is the proof.
    expect(unified.stages.at(-1)).toMatchObject({ stage: 'first-data', ok: true, detail: expect.stringMatching(/subscription_updated/) });
    await emu.close();
    emu = await startEmulator({ tls: true, healthIntervalMs: 100, migrationMode: 'disabled' });
    const legacy = await testConnection({ ...config, url: emu.url, tls: { fingerprint256: emu.fingerprint256 } }, 'monitor-pass', { timeoutMs: 3000 });
    expect(legacy.stages.find((s) => s.stage === 'websocket')?.detail).toMatch(/^legacy socket established \(auto: migration_mode disabled\)/);
  });

  it('stops at the stage that fails and shows an untrusted fingerprint', async () => {
    emu = await startEmulator({ tls: true, healthIntervalMs: 100 });
    const untrusted = await testConnection(serverConfig(emu.url), 'monitor-pass', { timeoutMs: 3000 });
    expect(untrusted.ok).toBe(false);
    expect(untrusted.stages.at(-1)).toMatchObject({ stage: 'tls', ok: false });
    expect(untrusted.fingerprint256).toBe(emu.fingerprint256);
    const badPassword = await testConnection(serverConfig(emu.url, { tls: { fingerprint256: emu.fingerprint256 } }), 'nope', {
      timeoutMs: 3000,
    });
    expect(badPassword.stages.at(-1)).toMatchObject({ stage: 'login', ok: false });
  });
});
