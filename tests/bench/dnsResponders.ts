// Child process of the probe bench: `tsx tests/bench/dnsResponders.ts N` starts N emulated servers
// with their DNS responder (3 zones each) and prints one JSON line {dnsPort} per server, then runs
// until SIGTERM. A separate process, so the bench's CPU figures are the prober's alone.
import { startEmulator, type EmulatedServer } from '../../electron/emulator';

const count = Math.max(1, Math.min(50, Number(process.argv[2] ?? '10')));
const zones = ['corp.local', 'branch.corp.local', '10.in-addr.arpa'].map((name, i) => ({ id: i + 1, name, zoneType: 'master' as const, serial: 2026120600 + i, isActive: true }));
const servers: EmulatedServer[] = [];
for (let i = 0; i < count; i++) {
  const s = await startEmulator({ name: `bench-dns-${i}`, dns: true, zones, healthIntervalMs: 3_600_000, systemIntervalMs: 3_600_000, protocolPingIntervalMs: 0 });
  servers.push(s);
  process.stdout.write(`${JSON.stringify({ dnsPort: s.dnsPort })}\n`);
}
process.on('SIGTERM', () => void Promise.all(servers.map((s) => s.close())).then(() => process.exit(0)));
