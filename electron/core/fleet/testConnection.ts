/**
 * "Test connection" for the add-server dialog and `dnsfleet test`: runs each stage once and
 * reports where it stops. Never retries a password (one login at most) and never pins anything.
 */
import { lookup } from 'node:dns/promises';
import { connect } from 'node:net';
import type { ServerConfig } from '../../../shared/domain/serverConfig';
import type { ConnectionTest } from '../../../shared/ipc/schemas';
import { login } from '../hybrid-dns/auth';
import { LegacySocket } from '../hybrid-dns/LegacySocket';
import { Normaliser } from '../hybrid-dns/Normaliser';
import { RestClient } from '../hybrid-dns/RestClient';
import { assessTls, type TlsRequestOptions } from '../hybrid-dns/tls';
import { UnifiedSocket } from '../hybrid-dns/UnifiedSocket';
import { systemClock } from '../platform';
import { nullLogger } from '../util/logger';
import { chooseStack } from './stackChoice';

type Stage = ConnectionTest['stages'][number];
type StageName = Stage['stage'];

export async function testConnection(
  config: ServerConfig,
  password: string | null,
  opts: { timeoutMs?: number } = {},
): Promise<ConnectionTest> {
  const timeoutMs = opts.timeoutMs ?? 10_000;
  const stages: Stage[] = [];
  let fingerprint256: string | null = null;
  const run = async (stage: StageName, fn: () => Promise<string>): Promise<boolean> => {
    const t0 = Date.now();
    try {
      stages.push({ stage, ok: true, detail: await fn(), ms: Date.now() - t0 });
      return true;
    } catch (e) {
      stages.push({ stage, ok: false, detail: (e as Error).message, ms: Date.now() - t0 });
      return false;
    }
  };
  const url = new URL(config.url);
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const port = Number(url.port || (url.protocol === 'https:' ? 443 : 80));
  let tls: TlsRequestOptions = {};
  let token = '';
  const ok =
    (await run('resolve', async () => (await lookup(host)).address)) &&
    (await run('tcp', () => tcpProbe(host, port, timeoutMs))) &&
    (await run('tls', async () => {
      const v = await assessTls({ url: config.url, fingerprint256: config.tls?.fingerprint256, caFile: config.tls?.caFile }, timeoutMs);
      if (v.kind === 'ok') {
        tls = v.options;
        fingerprint256 = v.fingerprint256;
        return v.fingerprint256 ? `trusted, SHA-256 ${v.fingerprint256}` : 'plain HTTP (no TLS)';
      }
      if (v.kind === 'unreachable') throw new Error(v.error);
      fingerprint256 = v.kind === 'pin-mismatch' ? v.presented : v.fingerprint256;
      throw new Error(
        v.kind === 'pin-mismatch'
          ? `certificate does not match the pin; presented ${v.presented}`
          : `not trusted (${v.reason}); SHA-256 ${v.fingerprint256}`,
      );
    })) &&
    (await run('login', async () => {
      if (!password) throw new Error('no password given');
      const rest = new RestClient({ baseUrl: config.url, tls, logger: nullLogger, timeoutMs });
      const r = await login(rest, config.username, password);
      if (r.kind === 'ok') {
        token = r.tokens.access;
        return 'signed in';
      }
      if (r.kind === 'needs-2fa') throw new Error('the account needs a 2FA code (the monitor will ask for it)');
      throw new Error(r.kind === 'locked' ? `account locked: ${r.detail}` : `${r.kind}: ${r.detail}`);
    })) &&
    (await socketStages(config, token, tls, timeoutMs, run));
  return { ok: Boolean(ok), stages, fingerprint256 };
}

async function socketStages(
  config: ServerConfig,
  token: string,
  tls: TlsRequestOptions,
  timeoutMs: number,
  run: (s: StageName, fn: () => Promise<string>) => Promise<boolean>,
): Promise<boolean> {
  const base = { baseUrl: config.url, token, tls, logger: nullLogger, handshakeTimeoutMs: timeoutMs };
  // `auto` tests the stack the monitor would use for this server (the same probe as ServerSession).
  const stack = await chooseStack(config, new RestClient({ baseUrl: config.url, tls, logger: nullLogger, timeoutMs }), false);
  const socket =
    stack === 'unified'
      ? new UnifiedSocket({ ...base, clock: systemClock })
      : new LegacySocket(config.legacyTypes === 'health+system' ? 'health' : 'admin', base);
  const how = config.stack === 'auto' ? ` (auto: ${stack === 'unified' ? 'the legacy endpoint is not routed' : 'migration_mode disabled'})` : '';
  const normaliser = new Normaliser(config.id, nullLogger);
  let welcomed!: () => void;
  let gotData!: (detail: string) => void;
  let failed!: (e: Error) => void;
  const welcome = new Promise<void>((res, rej) => ((welcomed = res), (failed = rej)));
  const data = new Promise<string>((res) => (gotData = res));
  socket.onDidReceive((raw) => {
    const out = normaliser.ingest(raw, stack, Date.now());
    for (const env of out.control) {
      if (socket.handleControl(env)) welcomed();
      // An idle unified server pushes metrics about once a minute; the reply to our subscribe
      // comes through the same outbound queue (the one that can die silently, §8 Q7).
      else if (stack === 'unified' && env.type !== 'ping') gotData(`the server answered ${env.type.slice(0, 40)} (events arrive as they happen)`);
    }
    if (out.events.length > 0) gotData('data received');
  });
  socket.onDidClose((c) =>
    failed(new Error(c.httpStatus ? `handshake refused: HTTP ${c.httpStatus}` : `closed: ${c.code} ${c.reason || c.error || ''}`.trim())),
  );
  socket.open();
  try {
    const opened = await run('websocket', () =>
      within(
        welcome.then(() => `${stack} socket established${how}`),
        timeoutMs,
        'no welcome from the server',
      ),
    );
    return (
      opened &&
      (await run('first-data', () =>
        within(
          data,
          timeoutMs,
          `no data within ${timeoutMs / 1000} s`,
        ),
      ))
    );
  } finally {
    socket.close();
    socket.dispose();
  }
}

function tcpProbe(host: string, port: number, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const s = connect({ host, port, timeout: timeoutMs });
    s.once('connect', () => (s.destroy(), resolve(`port ${port} open`)));
    s.once('timeout', () => (s.destroy(), reject(new Error(`no answer on port ${port} within ${timeoutMs} ms`))));
    s.once('error', (e) => reject(e));
  });
}

function within<T>(p: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_r, rej) => (timer = setTimeout(() => rej(new Error(message)), ms)));
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}
