/**
 * The emulated fleet of a soak run: N Hybrid DNS Server emulators on 127.0.0.1, alternating between
 * the legacy and the unified stack, every fourth pair over TLS with a pinned certificate, plus the
 * background traffic the servers do not make by themselves (threats that REST polls discover).
 */
import { writeFileSync } from 'node:fs';
import { startEmulator, type EmulatedServer, type EmulatorOptions } from '../../electron/emulator';
import { generateSelfSignedCert, selfSignedCert } from '../../electron/emulator/tls';
import type { TimeScale } from './options';
import type { Random } from './random';

export const SOAK_PASSWORD_ENV = 'DNSFLEET_SOAK_PW';
const PASSWORD = 'monitor-pass'; // the emulator's default monitoring user

export interface SoakServer {
  readonly id: string;
  readonly stack: 'legacy' | 'unified';
  readonly tls: boolean;
  readonly port: number;
  readonly pin: string | null;
  emulator: EmulatedServer;
  /** eventsSent of emulator instances already closed (a certificate change replaces the instance) */
  sentBefore: number;
  droppedBefore: number;
  threatsAdded: number;
  certChanged: boolean;
}

export class SoakFleet {
  private threatTimer: NodeJS.Timeout | null = null;
  private threatSeq = 0;

  private constructor(
    readonly servers: SoakServer[],
    private readonly options: (s: { id: string; stack: 'legacy' | 'unified' }, seed: number) => EmulatorOptions,
  ) {}

  static async start(count: number, scale: TimeScale, seed: number): Promise<SoakFleet> {
    const options = (s: { id: string; stack: 'legacy' | 'unified' }, serverSeed: number): EmulatorOptions => ({
      name: s.id,
      seed: serverSeed,
      healthIntervalMs: scale.healthIntervalMs,
      systemIntervalMs: scale.systemIntervalMs,
      unifiedMetricsIntervalMs: scale.unifiedMetricsIntervalMs,
      unifiedPingIntervalMs: scale.unifiedPingIntervalMs,
      backgroundQueryRatePerSec: s.stack === 'unified' ? scale.queryRatePerSec : 0,
      banMs: scale.banMs,
    });
    const original = await selfSignedCert();
    const servers: SoakServer[] = [];
    for (let i = 0; i < count; i++) {
      const stack = i % 2 === 0 ? 'legacy' : 'unified';
      const tls = i % 8 < 2;
      const id = `soak-${String(i + 1).padStart(2, '0')}`;
      const emulator = await startEmulator({ ...options({ id, stack }, seed * 1000 + i), ...(tls ? { tlsCert: original } : {}) });
      servers.push({ id, stack, tls, port: emulator.port, pin: emulator.fingerprint256 ?? null, emulator, sentBefore: 0, droppedBefore: 0, threatsAdded: 0, certChanged: false });
    }
    return new SoakFleet(servers, options);
  }

  writeFleetFile(path: string, scale: TimeScale): void {
    const servers = this.servers.map((s) => ({
      id: s.id,
      name: `Soak ${s.id}`,
      url: s.emulator.url,
      username: 'monitor',
      passwordEnv: SOAK_PASSWORD_ENV,
      stack: s.stack,
      pollSeconds: scale.pollSeconds,
      ...(scale.watchdogSeconds !== undefined ? { watchdogSeconds: scale.watchdogSeconds } : {}),
      ...(s.pin ? { tls: { fingerprint256: s.pin } } : {}),
    }));
    writeFileSync(path, JSON.stringify({ servers }, null, 2));
  }

  clientEnv(): Record<string, string> {
    return { [SOAK_PASSWORD_ENV]: PASSWORD };
  }

  /** Occasional threats on random servers; the client finds them in its REST polls. */
  startThreats(everyMs: number, random: Random): void {
    this.threatTimer = setInterval(() => {
      const s = random.pick(this.servers);
      const n = ++this.threatSeq;
      s.emulator.control.addThreat({ domain: `c2-${n}.soak.invalid`, clientIp: `10.0.${n % 250}.${(n * 7) % 250}`, category: 'malware' });
      s.threatsAdded++;
    }, everyMs);
  }

  stopThreats(): void {
    if (this.threatTimer) clearInterval(this.threatTimer);
    this.threatTimer = null;
  }

  /** Certificate change: the server comes back on the same port with a new self-signed certificate. */
  async changeCertificate(s: SoakServer, seed: number): Promise<void> {
    const stats = s.emulator.control.stats();
    await s.emulator.close();
    s.sentBefore += stats.eventsSent;
    s.droppedBefore += stats.framesDropped;
    s.certChanged = true;
    s.emulator = await startEmulator({ ...this.options(s, seed), port: s.port, tlsCert: await generateSelfSignedCert() });
  }

  eventsSent(s: SoakServer): { sent: number; dropped: number } {
    const stats = s.emulator.control.stats();
    return { sent: s.sentBefore + stats.eventsSent, dropped: s.droppedBefore + stats.framesDropped };
  }

  /** Freezes every server: from here on nothing is sent, so the counts are final. */
  quiesce(): void {
    this.stopThreats();
    for (const s of this.servers) s.emulator.control.hang(true);
  }

  async close(): Promise<void> {
    this.stopThreats();
    await Promise.all(this.servers.map((s) => s.emulator.close()));
  }
}
