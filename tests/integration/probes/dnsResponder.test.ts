// The emulator's DNS responder, asked by the core's probe client over real loopback sockets:
// answers follow the emulator's state (BIND, zone serials, RPZ, forwarder slowness, truncation).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type EmulatedServer } from '../../../electron/emulator';
import { queryDns, type DnsQuestion } from '../../../electron/core/probes/dnsQuery';

let emu: EmulatedServer;
const ask = (q: Partial<DnsQuestion> & Pick<DnsQuestion, 'name' | 'type'>) =>
  queryDns({ host: '127.0.0.1', port: emu.dnsPort!, transport: 'udp', timeoutMs: 1500, ...q });

beforeAll(async () => {
  emu = await startEmulator({ dns: true, fail2ban: false });
});
afterAll(async () => {
  await emu.close();
});

describe('DNS-over-TLS where the server offers it', () => {
  it('answers over TLS when the certificate is trusted, and refuses to trust an unknown one', async () => {
    const dot = await startEmulator({ tls: true, dns: { tls: true }, fail2ban: false });
    try {
      const q = { host: '127.0.0.1', port: dot.dotPort!, name: 'corp.local', type: 'SOA' as const, transport: 'tls' as const, timeoutMs: 3000 };
      expect(await queryDns({ ...q, tls: { ca: [dot.caPem!] } })).toMatchObject({ ok: true, transport: 'tls', serial: 2025082901 });
      const untrusted = await queryDns(q);
      expect(untrusted.ok).toBe(false);
      expect(!untrusted.ok && untrusted.error).toMatch(/SELF_SIGNED|UNABLE_TO_VERIFY|CERT/);
    } finally {
      await dot.close();
    }
  });
});

describe('emulator DNS responder', () => {
  it('answers a zone SOA with the serial the emulator holds, and follows a serial change', async () => {
    const first = await ask({ name: 'corp.local', type: 'SOA' });
    expect(first).toMatchObject({ ok: true, rcode: 'NOERROR', serial: 2025082901, transport: 'udp' });
    emu.control.upsertZone({ id: 1, name: 'corp.local', zoneType: 'master', serial: 2025090100, isActive: true });
    expect(await ask({ name: 'corp.local', type: 'SOA', transport: 'tcp' })).toMatchObject({ ok: true, serial: 2025090100, transport: 'tcp' });
  });

  it('sends a large answer truncated over UDP, and the client gets it in full over TCP', async () => {
    const before = emu.control.dns.counts().truncated;
    const r = await ask({ name: 'many.corp.local', type: 'A' });
    expect(r).toMatchObject({ ok: true, rcode: 'NOERROR', transport: 'tcp', truncatedOverUdp: true });
    expect(r.ok && r.answers).toHaveLength(40);
    expect(emu.control.dns.counts().truncated).toBe(before + 1);
  });

  it('answers a blocked name NXDOMAIN, the redirect when configured, and resolves it when RPZ is off', async () => {
    expect(await ask({ name: 'malware.testcategory.com', type: 'A' })).toMatchObject({ ok: true, rcode: 'NXDOMAIN', answers: [] });
    emu.control.dns.setRpzRule('bad.example', { action: 'redirect', redirect: '10.66.66.66' });
    expect(await ask({ name: 'www.bad.example', type: 'A' })).toMatchObject({ ok: true, rcode: 'NOERROR', answers: ['10.66.66.66'] });
    emu.control.dns.setRpzEnforced(false);
    const open = await ask({ name: 'malware.testcategory.com', type: 'A' });
    emu.control.dns.setRpzEnforced(true);
    expect(open).toMatchObject({ ok: true, rcode: 'NOERROR' });
    expect(open.ok && open.answers[0]).toMatch(/^198\.51\.100\./);
  });

  it('resolves through the internal or the public forwarder, each as slow as configured', async () => {
    const internal = await ask({ name: 'host.corp.example', type: 'A' });
    expect(internal.ok && internal.answers[0]).toMatch(/^10\.20\.0\./);
    emu.control.dns.setForwarderDelay(3, 300);
    const slow = await ask({ name: 'www.example.com', type: 'A' });
    emu.control.dns.setForwarderDelay(3, 0);
    expect(slow).toMatchObject({ ok: true, rcode: 'NOERROR' });
    expect(slow.latencyMs).toBeGreaterThanOrEqual(290);
    emu.control.setForwarderStatus(3, 'unhealthy');
    expect(await ask({ name: 'www.example.com', type: 'A' })).toMatchObject({ ok: true, rcode: 'SERVFAIL' });
    emu.control.setForwarderStatus(3, 'healthy');
  });

  it('answers nothing while BIND is down: UDP times out, TCP is refused', async () => {
    emu.control.setBindRunning(false);
    try {
      expect(await ask({ name: 'corp.local', type: 'SOA', timeoutMs: 300 })).toMatchObject({ ok: false, error: 'timeout' });
      const tcp = await ask({ name: 'corp.local', type: 'SOA', transport: 'tcp', timeoutMs: 1000 });
      expect(tcp.ok).toBe(false);
    } finally {
      emu.control.setBindRunning(true);
    }
    expect(await ask({ name: 'corp.local', type: 'SOA' })).toMatchObject({ ok: true });
  });
});
