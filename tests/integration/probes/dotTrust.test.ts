// DNS-over-TLS probes trust a server the way its API connection does (hybrid-dns/tls.ts assessTls):
// a server trusted only by a pinned fingerprint (a self-signed certificate, §2.1) answers its DoT
// probes; a DoT port presenting another certificate fails them, saying so, and is never asked.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ServerProbes } from '../../../shared/domain/probe';
import type { ServerConfig } from '../../../shared/domain/serverConfig';
import { generateSelfSignedCert, startEmulator, type EmulatedServer } from '../../../electron/emulator';
import { isLive, probedConfig, probedCore, type ProbedCore } from './probedCore';

let emus: EmulatedServer[] = [];
let p: ProbedCore | undefined;
afterEach(async () => {
  await p?.dispose();
  for (const e of emus) await e.close();
  emus = [];
  p = undefined;
});

const setOf = (serverId: string) => (m: { channel: string; payload: unknown }) =>
  m.channel === 'probes:onDidComplete' && (m.payload as ServerProbes).serverId === serverId && (m.payload as ServerProbes).results.length > 0;

/** The API at `api`, pinned to its certificate's fingerprint (no CA file); DoT probes to `dot`'s DoT port. */
function pinnedConfig(api: EmulatedServer, dot: EmulatedServer): ServerConfig {
  return probedConfig(api, 'dns-01', {
    tls: { fingerprint256: api.fingerprint256! },
    dns: { enabled: true, host: '127.0.0.1', port: dot.dnsPort!, transport: 'udp', dotPort: dot.dotPort!, internalName: 'host.corp.example' },
  });
}

async function tlsEmulator(cert?: { key: string; cert: string }): Promise<EmulatedServer> {
  const emu = await startEmulator({ name: 'dns-01', tls: true, ...(cert ? { tlsCert: cert } : {}), dns: { tls: true }, healthIntervalMs: 200, systemIntervalMs: 300 });
  emus.push(emu);
  return emu;
}

describe('DNS-over-TLS probes of a server trusted by a pinned fingerprint (real core, emulator)', () => {
  it('the API connection and the DoT probes trust the same pinned self-signed certificate: the probes answer over DoT', async () => {
    const emu = await tlsEmulator();
    const servedBefore = emu.control.dns.counts().answered;
    p = await probedCore([pinnedConfig(emu, emu)], { intervalSeconds: 2, timeoutMs: 3000 });
    await p.waitPush(isLive('dns-01'));
    const set = (await p.waitPush(setOf('dns-01'), 15_000)).payload as ServerProbes;
    expect(set.target).toBe(`127.0.0.1:${emu.dotPort} over TLS`);
    const pub = set.results.find((r) => r.probe === 'public');
    expect(pub, JSON.stringify(set.results)).toMatchObject({ outcome: 'answered', transport: 'tls', rcode: 'NOERROR', healthy: true });
    expect(set.results.find((r) => r.probe === 'blocked')).toMatchObject({ outcome: 'answered', transport: 'tls', rcode: 'NXDOMAIN', healthy: true });
    expect(emu.control.dns.counts().answered).toBeGreaterThan(servedBefore);
  });

  it('a DoT port presenting another certificate than the pinned one: every probe fails saying so, and no query is sent to it', async () => {
    const api = await tlsEmulator();
    const other = await tlsEmulator(await generateSelfSignedCert());
    expect(other.fingerprint256).not.toBe(api.fingerprint256);
    const servedBefore = other.control.dns.counts().answered;
    p = await probedCore([pinnedConfig(api, other)], { intervalSeconds: 2, timeoutMs: 3000 });
    const set = (await p.waitPush(setOf('dns-01'), 15_000)).payload as ServerProbes;
    const pinnedShort = api.fingerprint256!.slice(0, 11);
    expect(set.results.length).toBeGreaterThan(0);
    for (const r of set.results.filter((x) => x.outcome !== 'not-configured')) {
      expect(r).toMatchObject({ outcome: 'error', healthy: false, transport: 'tls' });
      expect(r.detail).toContain(`DoT certificate does not match the pinned fingerprint ${pinnedShort}`);
    }
    expect(other.control.dns.counts().answered).toBe(servedBefore);
  });

  it('a certificate the operator trusts in this run (trust on first use) is the DoT probes\' pin from then on', async () => {
    const emu = await tlsEmulator();
    const dns = { enabled: true, host: '127.0.0.1', port: emu.dnsPort!, transport: 'udp' as const, dotPort: emu.dotPort! };
    // --config servers: the accepted pin lives in the running session only (not in a saved config).
    p = await probedCore([probedConfig(emu, 'dns-01', { dns })], { intervalSeconds: 1, timeoutMs: 3000 });
    await p.waitPush((m) => m.channel === 'fleet:onDidChangeServer' && (m.payload as { state: string }).state === 'tls-untrusted', 15_000, 0);
    const before = (await p.waitPush(setOf('dns-01'), 15_000, 0)).payload as ServerProbes;
    expect(before.results.find((r) => r.probe === 'public')!.detail).toContain('DoT certificate not trusted');
    await p.core.handlers['servers:trustCertificate']({ id: 'dns-01', fingerprint256: emu.fingerprint256! });
    await p.waitPush(isLive('dns-01'), 15_000, 0);
    const answered = (m: { channel: string; payload: unknown }) => setOf('dns-01')(m) && (m.payload as ServerProbes).results.some((r) => r.probe === 'public' && r.outcome === 'answered' && r.transport === 'tls');
    await p.waitPush(answered, 10_000);
  });

  it('without a pin the CA file is what is trusted, as for the API; with neither, the probes fail saying the certificate is not trusted', async () => {
    const emu = await tlsEmulator();
    const caFile = join(mkdtempSync(join(tmpdir(), 'dot-ca-')), 'ca.pem');
    writeFileSync(caFile, emu.caPem!);
    const dns = { enabled: true, host: '127.0.0.1', port: emu.dnsPort!, transport: 'udp' as const, dotPort: emu.dotPort! };
    p = await probedCore([probedConfig(emu, 'dns-01', { tls: { caFile }, dns }), probedConfig(emu, 'dns-02', { dns })], { intervalSeconds: 2, timeoutMs: 3000 });
    const byCa = (await p.waitPush(setOf('dns-01'), 15_000, 0)).payload as ServerProbes;
    expect(byCa.results.find((r) => r.probe === 'public')).toMatchObject({ outcome: 'answered', transport: 'tls', healthy: true });
    const untrusted = (await p.waitPush(setOf('dns-02'), 15_000, 0)).payload as ServerProbes;
    expect(untrusted.results.find((r) => r.probe === 'public')).toMatchObject({ outcome: 'error', healthy: false });
    expect(untrusted.results.find((r) => r.probe === 'public')!.detail).toMatch(/^probe failed: DoT certificate not trusted \(.*SELF_SIGNED.*\): pin the server's certificate or set tls\.caFile$/);
  });
});
