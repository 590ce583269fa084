// Public types of the Hybrid DNS Server emulator. The behaviour they describe is specified in
// /work/shared/protocol/hybrid-dns-server.md (section numbers in comments refer to that page).

export interface EmulatorLogger {
  debug(msg: string, fields?: Record<string, unknown>): void;
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
}

export interface EmulatorUser {
  username: string;
  password: string;
  isAdmin?: boolean;
  /** base32; when set, login requires totp_code (§1.1 2FA step). */
  totpSecret?: string;
  disabled?: boolean;
}

export interface EmulatedForwarder {
  id: number;
  name: string;
  type: 'active_directory' | 'intranet' | 'public';
  status: 'healthy' | 'unhealthy' | 'degraded' | 'unknown' | 'disabled';
  healthyServers: number;
  totalServers: number;
  isActive?: boolean;
}

export interface EmulatedZone {
  id: number;
  name: string;
  zoneType: 'master' | 'slave' | 'forward';
  serial: number;
  isActive: boolean;
  /** naive UTC ISO; defaults to the time of the upsert */
  updatedAt?: string;
}

export type MigrationMode = 'disabled' | 'testing' | 'unified_only';
export type EventPriority = 'low' | 'normal' | 'high' | 'critical';

export interface EmulatorOptions {
  name?: string;
  /** 0 = random */
  port?: number;
  /** self-signed cert generated at start (openssl CLI, cached per process) */
  tls?: boolean;
  /** a specific cert (PEM), e.g. to rotate certs and test pin mismatch; implies tls */
  tlsCert?: { key: string; cert: string };
  /** default [{username:'monitor',password:'monitor-pass',isAdmin:true}] */
  users?: EmulatorUser[];
  healthIntervalMs?: number; // 30000 (§3.3 health_update)
  systemIntervalMs?: number; // 60000 (§3.3 system_status)
  unifiedPingIntervalMs?: number; // 30000 (§6.2)
  unifiedMetricsIntervalMs?: number; // 61000 (§5.2 system_metrics)
  /** 180000: unified closes 1000 "Connection unhealthy" without pong (§6.2) */
  pongTimeoutMs?: number;
  /** client silence before the legacy idle ping L7 and the unified heartbeat U9; 300000 */
  idleTimeoutMs?: number;
  /** transport-level ws ping (uvicorn keepalive, §6.1); 20000; 0 disables */
  protocolPingIntervalMs?: number;
  accessTokenTtlSec?: number; // 1800
  refreshTokenTtlSec?: number; // 7 days
  migrationMode?: MigrationMode;
  /** Q9: every unified handshake 403 while REST works */
  unifiedSessionBroken?: boolean;
  /** Q5: after a replacement, the old handler also closes the new one with "User disconnected" */
  unifiedReplaceCascade?: boolean;
  forwarders?: EmulatedForwarder[];
  zones?: EmulatedZone[];
  /** epoch ms (may be fractional for microseconds); injectable clock for timestamps/expiry */
  now?: () => number;
  logger?: EmulatorLogger;
  /** fail2ban hybrid-dns-api ban (§6.6); default 30 min */
  banMs?: number;
  /** fail2ban hybrid-dns-auth ban (§6.6); default 1 h */
  authBanMs?: number;
  /** false disables both fail2ban jails */
  fail2ban?: boolean;
  /** Q11: unified per-IP lockout after 5 failed auths; default 15 min */
  unifiedLockoutMs?: number;
  /** slowapi login limit (§1.1 429); undefined = not enforced (the doc says it may not be) */
  loginRateLimitPerMinute?: number;
  /** seed for the deterministic metrics / query generator */
  seed?: number;
  /** light background of unified query_update events (events per second); default 0 */
  backgroundQueryRatePerSec?: number;
  /** A DNS responder (UDP+TCP on one loopback port; `tls` adds DNS-over-TLS) whose answers follow this state. */
  dns?: boolean | { port?: number; tls?: boolean };
}

/** The DNS side of the emulated BIND (dns/dnsModel.ts). */
export interface EmulatorDnsControl {
  /** A blocked name (and everything under it): NXDOMAIN, or the redirect (IPv4 as A, a name as CNAME); null unblocks. */
  setRpzRule(domain: string, rule: { action: 'nxdomain' | 'redirect'; redirect?: string } | null): void;
  /** true: named still runs as far as the API says, but answers no query (a hung named, a firewall on port 53). */
  setHung(on: boolean): void;
  /** false: RPZ is not applied and blocked names resolve. */
  setRpzEnforced(on: boolean): void;
  /** A forwarder answers this much later (ms). */
  setForwarderDelay(id: number, ms: number): void;
  /** The domains an internal forwarder serves; names under them go through it. */
  setForwarderDomains(id: number, domains: string[]): void;
  /** Answered / dropped (BIND down) / truncated queries so far. */
  counts(): { answered: number; dropped: number; truncated: number };
}

export interface StormOptions {
  eventsPerSecond: number;
  durationMs: number;
  kind?: 'query_update' | 'mixed';
}

export interface BanInfo {
  ip: string;
  jail: 'hybrid-dns-api' | 'hybrid-dns-auth';
  /** epoch ms (real clock) */
  until: number;
}

export interface EmulatorStats {
  loginsOk: number;
  loginsFailed: number;
  refreshes: number;
  legacyOpen: number;
  unifiedOpen: number;
  legacyAccepted: number;
  unifiedAccepted: number;
  handshakesRefused: number;
  pongsReceived: number;
  bansActive: number;
  bans: BanInfo[];
  requestsByPath: Record<string, number>;
  framesSent: number;
  /** frames not written because a socket's send buffer was over its bound */
  framesDropped: number;
  /** event frames (not control frames) written to at least one socket: what a client could store */
  eventsSent: number;
}

export interface EmulatorControl {
  setForwarderStatus(id: number, status: EmulatedForwarder['status'], opts?: { pushNow?: boolean }): void;
  pushHealthUpdate(): void;
  pushSystemStatus(): void;
  setBindRunning(running: boolean): void;
  upsertZone(zone: EmulatedZone): void;
  deleteZone(id: number): void;
  addThreat(t: { domain: string; clientIp: string; category: string; action?: string }): void;
  emitUnified(type: string, data: unknown, priority?: EventPriority): void;
  sendRawLegacy(frame: string): void;
  sendRawUnified(frame: string): void;
  replaceConnections(): void;
  disconnectUnified(reason: string): void;
  /** Q7: kill every unified connection's outbound queue task (as get_subscription_info or a Decimal in
   * anomaly_alert does): afterwards only direct-write pings reach the client. */
  poisonUnifiedQueues(): void;
  restart(downMs: number): Promise<void>;
  hang(on: boolean): void;
  setMigrationMode(m: EmulatorOptions['migrationMode']): void;
  setUnifiedSessionBroken(b: boolean): void;
  expireTokens(): void;
  /** Q21: every stored unified subscription expires now, silently (the router defaults stay). */
  expireSubscriptions(): void;
  /** Every token and session token this server issued so far (leak tests scan for them). */
  issuedSecrets(): string[];
  /** path prefix -> status; null clears every failure; status 0 clears that prefix; default 500 */
  setRestFailure(path: string | null, status?: number): void;
  storm(opts: StormOptions): Promise<{ sent: number }>;
  /** extra: the background rate of query_update samples per second (each stands for 10 queries); 0 stops them */
  setQueryRate(perSecond: number): void;
  stats(): EmulatorStats;
  /** extra: lift every fail2ban ban and unified IP lockout */
  clearBans(): void;
  /** extra: fail2ban bans `ip` (hybrid-dns-api jail) for `ms` now; its open sockets are reset, as an
   * iptables REJECT would cut established connections too. */
  ban(ms: number, ip?: string): void;
  /** lock: five failed logins (Q10); unlock: what an administrator does afterwards (failed attempts back to 0). */
  users: { lock(username: string): void; unlock(username: string): void; failedAttempts(username: string): number };
  /** The DNS responder's state (works whether or not the responder was started). */
  dns: EmulatorDnsControl;
}

export interface EmulatedServer {
  readonly name: string;
  /** 'http://127.0.0.1:PORT' or 'https://127.0.0.1:PORT' */
  readonly url: string;
  readonly port: number;
  /** 'AA:BB:...' SHA-256 of the DER cert (X509Certificate.fingerprint256 format) */
  readonly fingerprint256?: string;
  /** the self-signed cert PEM (usable as a CA file) */
  readonly caPem?: string;
  readonly control: EmulatorControl;
  /** The DNS port (UDP and TCP) when started with `dns`. */
  readonly dnsPort?: number;
  /** The DNS-over-TLS port when started with `dns: {tls: true}` on a TLS emulator. */
  readonly dotPort?: number;
  close(): Promise<void>;
}
