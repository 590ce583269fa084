/**
 * The chaos side of a soak run: one fault at a time, drawn from a seeded shuffle-bag (every kind
 * once per round, in random order), aimed at a server that is `live` right now and not recovering
 * from an earlier fault. Each fault ends by itself; end() ends any still running.
 */
import type { SoakFleet, SoakServer } from './fleet';
import type { MonitorProcess } from './monitor';
import type { FaultKind, TimeScale } from './options';
import type { Random } from './random';
import type { SmallDisk } from './smallDisk';

export interface FaultRecord {
  n: number;
  kind: FaultKind;
  /** null for the disk, which all servers share */
  server: string | null;
  stack: 'legacy' | 'unified' | null;
  injectedAt: number;
  /** when the fault condition is over (the server is back, the ban lifted, the disk has room) */
  endsAt: number;
  detail: string;
}

export class ChaosMonkey {
  readonly faults: FaultRecord[] = [];
  readonly skipped: { at: number; reason: string }[] = [];
  private bag: FaultKind[] = [];
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly lastHit = new Map<string, number>();
  private readonly enders: (() => void)[] = [];

  constructor(
    private readonly fleet: SoakFleet,
    private readonly monitor: MonitorProcess,
    private readonly disk: SmallDisk | null,
    private readonly scale: TimeScale,
    private readonly random: Random,
    private readonly kinds: readonly FaultKind[],
    private readonly seed: number,
  ) {}

  /** Injects the next fault of the bag that has a target; records a skip when none has. */
  async injectNext(): Promise<FaultRecord | null> {
    for (let tries = 0; tries < this.kinds.length; tries++) {
      if (this.bag.length === 0) this.bag = this.random.shuffle(this.kinds);
      const kind = this.bag.shift()!;
      const target = kind === 'disk-full' ? null : this.pickServer(kind);
      if (kind === 'disk-full' ? !this.disk || this.disk.isFull : !target) {
        this.bag.push(kind); // keep it for later in this round
        continue;
      }
      return this.inject(kind, target);
    }
    this.skipped.push({ at: Date.now(), reason: 'no live server free of an earlier fault' });
    return null;
  }

  private pickServer(kind: FaultKind): SoakServer | null {
    const now = Date.now();
    const free = this.fleet.servers.filter(
      (s) =>
        !s.certChanged &&
        this.monitor.stateOf(s.id) === 'live' &&
        now - (this.lastHit.get(s.id) ?? -Infinity) > this.scale.cooldownMs &&
        (kind !== 'cert-change' || s.tls),
    );
    return free.length > 0 ? this.random.pick(free) : null;
  }

  private async inject(kind: FaultKind, s: SoakServer | null): Promise<FaultRecord> {
    const now = Date.now();
    const record: FaultRecord = { n: this.faults.length + 1, kind, server: s?.id ?? null, stack: s?.stack ?? null, injectedAt: now, endsAt: now, detail: '' };
    if (s) this.lastHit.set(s.id, now);
    this.faults.push(record);
    await this.apply(kind, record, s);
    return record;
  }

  /** Sets the fault off; `record.endsAt` and `record.detail` say when it ends and what it was. */
  private async apply(kind: FaultKind, record: FaultRecord, s: SoakServer | null): Promise<void> {
    const c = s?.emulator.control;
    const scale = this.scale;
    switch (kind) {
      case 'restart': {
        const downMs = Math.round(this.random.between(...scale.restartDownMs));
        void c!.restart(downMs);
        record.endsAt = record.injectedAt + downMs; // the emulator brings itself back; nothing can end it sooner
        record.detail = `down ${downMs} ms (1012 close, 502 meanwhile)`;
        return;
      }
      case 'hang':
        c!.hang(true);
        return this.endIn(record, scale.hangMs, () => c!.hang(false), `frozen ${scale.hangMs} ms`);
      case 'replace':
        c!.replaceConnections();
        record.detail = 'another client took the WebSocket slot ("Replaced by new connection")';
        return;
      case 'token-expiry':
        c!.expireTokens();
        record.detail = 'every access and refresh token expired';
        return;
      case 'ban':
        c!.ban(scale.banMs);
        return this.endIn(record, scale.banMs, () => c!.clearBans(), `fail2ban ban ${scale.banMs} ms, open sockets reset`);
      case 'garbage':
        record.detail = this.sendGarbage(s!);
        return;
      case 'cert-change':
        await this.fleet.changeCertificate(s!, this.seed * 1000 + record.n);
        record.detail = 'restarted on the same port with a new self-signed certificate (the pin no longer matches)';
        return;
      case 'disk-full': {
        const taken = this.disk!.fill();
        return this.endIn(record, scale.diskFullMs, () => this.disk!.free(), `data dir full for ${scale.diskFullMs} ms (filler ${Math.round(taken / 1048576)} MB)`);
      }
    }
  }

  private endIn(record: FaultRecord, ms: number, end: () => void, detail: string): void {
    record.endsAt = record.injectedAt + ms;
    record.detail = detail;
    let done = false;
    const finish = (): void => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      this.timers.delete(timer);
      end();
    };
    const timer = setTimeout(finish, ms);
    this.timers.add(timer);
    this.enders.push(() => {
      if (!done) record.endsAt = Date.now();
      finish();
    });
  }

  /** Frames no server should send: none may be stored, and valid traffic around them goes on. */
  private sendGarbage(s: SoakServer): string {
    const frames = ['not json {', '{"type":', '[]', '{"no_type":1}', '{"type":42,"data":{}}', '\u0000\u0001\u0002', 'null', '"just a string"'];
    for (let i = 0; i < this.scale.garbageFrames; i++) {
      const frame = frames[i % frames.length]!;
      if (s.stack === 'legacy') s.emulator.control.sendRawLegacy(frame);
      else s.emulator.control.sendRawUnified(frame);
    }
    return `${this.scale.garbageFrames} unparseable frames on the ${s.stack} socket`;
  }

  /** Ends every fault still running (hangs, bans, the full disk); restarts end on their own. */
  endAll(): void {
    for (const end of this.enders.splice(0)) end();
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
  }
}
