// The in-process fault and state script of one emulated server (EmulatorControl).
import type { EmulatorContext } from './context';
import type { Gate } from './gate';
import type { LegacyHub } from './legacySocket';
import { runStorm } from './storm';
import type { EmulatorControl, EmulatorDnsControl, EmulatorStats } from './types';
import type { UnifiedHub } from './unifiedSocket';

export function createControl(ctx: EmulatorContext, legacy: LegacyHub, unified: UnifiedHub, gate: () => Gate): EmulatorControl {
  const { state, flags } = ctx;

  const stats = (): EmulatorStats => {
    const bans = ctx.fail2ban.active();
    const c = ctx.counters;
    return {
      loginsOk: c.loginsOk,
      loginsFailed: c.loginsFailed,
      refreshes: c.refreshes,
      legacyOpen: legacy.openCount,
      unifiedOpen: unified.openCount,
      legacyAccepted: c.legacyAccepted,
      unifiedAccepted: c.unifiedAccepted,
      handshakesRefused: c.handshakesRefused,
      pongsReceived: c.pongsReceived,
      bansActive: bans.length,
      bans,
      requestsByPath: Object.fromEntries(c.requestsByPath),
      framesSent: c.framesSent,
      framesDropped: c.framesDropped,
      eventsSent: c.eventsSent,
    };
  };

  return {
    setForwarderStatus(id, status, opts) {
      state.setForwarderStatus(id, status);
      if (opts?.pushNow) legacy.pushHealthUpdate();
    },
    pushHealthUpdate: () => legacy.pushHealthUpdate(),
    pushSystemStatus() {
      legacy.pushSystemStatus();
      unified.pushSystemMetrics();
    },
    setBindRunning: (running) => state.setBindRunning(running),
    upsertZone: (zone) => state.upsertZone(zone),
    deleteZone: (id) => void state.zones.delete(id),
    addThreat: (t) => state.addThreat(t),
    emitUnified: (type, data, priority) => unified.emit(type, data, priority ?? 'normal'),
    sendRawLegacy: (frame) => void legacy.sendRaw(frame),
    sendRawUnified: (frame) => void unified.sendRaw(frame),
    replaceConnections() {
      legacy.closeAll(1000, 'Replaced by new connection');
      unified.closeAll(1000, 'Replaced by new connection');
    },
    disconnectUnified: (reason) => unified.closeAll(1000, reason),
    poisonUnifiedQueues: () => {
      for (const c of unified.conns.values()) c.poisoned = true;
    },
    restart(downMs) {
      // uvicorn closes open sockets with 1012 on shutdown (§6.7); nginx answers 502 meanwhile (§6.6).
      legacy.closeAll(1012, '');
      unified.closeAll(1012, '');
      unified.resetState();
      flags.downUntil = Date.now() + Math.max(0, downMs);
      ctx.log.info('emulator restarting', { name: ctx.name, downMs });
      return new Promise<void>((resolve) => {
        const done = (): void => {
          ctx.onClose.delete(done);
          resolve();
        };
        ctx.onClose.add(done);
        ctx.timers.timeout(done, Math.max(0, downMs));
      });
    },
    hang(on) {
      if (flags.hanging === on) return;
      flags.hanging = on;
      if (!on) {
        gate().releaseHeld();
        legacy.resumeAfterHang();
        unified.resumeAfterHang();
      }
    },
    setMigrationMode: (m) => void (flags.migrationMode = m ?? 'disabled'),
    setUnifiedSessionBroken: (b) => void (flags.unifiedSessionBroken = b),
    expireTokens: () => ctx.tokens.expireAll(),
    expireSubscriptions: () => unified.subs.clear(),
    issuedSecrets: () => [...ctx.tokens.minted],
    setRestFailure(path, status = 500) {
      if (path === null) flags.restFailures.clear();
      else if (status === 0) flags.restFailures.delete(path);
      else flags.restFailures.set(path, status);
    },
    storm: (opts) => runStorm(ctx, legacy, unified, opts),
    setQueryRate: (perSecond) => unified.setQueryRate(perSecond),
    stats,
    clearBans() {
      ctx.fail2ban.clear();
      ctx.lockout.clear();
    },
    ban(ms, ip = '127.0.0.1') {
      ctx.fail2ban.banNow(ip, ms);
      // Every client of the emulator is on loopback, so every open socket belongs to the banned IP.
      if (ip === '127.0.0.1') {
        legacy.resetAll();
        unified.resetAll();
      }
    },
    users: {
      lock(username) {
        const u = state.users.get(username);
        if (!u) throw new Error(`no user ${username}`);
        u.failedAttempts = Math.max(5, u.failedAttempts);
      },
      unlock(username) {
        const u = state.users.get(username);
        if (!u) throw new Error(`no user ${username}`);
        u.failedAttempts = 0;
      },
      failedAttempts: (username) => state.users.get(username)?.failedAttempts ?? 0,
    },
    dns: dnsControl(ctx),
  };
}

function dnsControl(ctx: EmulatorContext): EmulatorDnsControl {
  const dns = ctx.dns;
  const domain = (d: string): string => d.toLowerCase().replace(/\.$/, '');
  return {
    setRpzRule: (d, rule) => void (rule ? dns.rpz.set(domain(d), rule) : dns.rpz.delete(domain(d))),
    setRpzEnforced: (on) => void (dns.rpzEnforced = on),
    setHung: (on) => void (dns.hung = on),
    setForwarderDelay: (id, ms) => void dns.forwarderDelayMs.set(id, Math.max(0, ms)),
    setForwarderDomains: (id, domains) => void dns.forwarderDomains.set(id, domains.map(domain)),
    counts: () => ({ ...dns.counts }),
  };
}
