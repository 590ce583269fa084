import { parseArgs } from 'node:util';
import { join } from 'node:path';
import type { Alert } from '../../../shared/domain/alert';
import { deliveryText, type AlertDelivery } from '../../../shared/domain/delivery';
import type { NotificationDelivery } from '../../../shared/domain/notificationPolicy';
import type { ServerConfig } from '../../../shared/domain/serverConfig';
import type { ServerVerdict } from '../../../shared/domain/verdict';
import type { AppHealth, VerdictChange } from '../../../shared/ipc/schemas';
import type { CoreHandle, PushMessage } from '../../core/api/CoreHandle';
import { createCore } from '../../core/compose';
import { loadFleetFile } from '../../core/fleetConfig/fleetFile';
import type { Logger } from '../../core/platform';
import { createLogger } from '../../core/util/logger';
import { nodePaths, untilStopped } from '../nodePlatform';
import { terminalText as t } from './terminalText';
import { parseListenAddress, type ListenAddress } from './metricsServer';
import { serveMetrics } from './monitorMetrics';

interface CliIo {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
}

/**
 * `dnsfleet monitor`: runs the core headless. With --json, stdout is the stable contract of the
 * README: one object per line for every state change (with its verdict), verdict change, stored
 * event and alert.
 */
export async function monitorCommand(argv: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      config: { type: 'string' },
      'data-dir': { type: 'string' },
      json: { type: 'boolean', default: false },
      for: { type: 'string' },
      'totp-env': { type: 'string' },
      'log-level': { type: 'string', default: 'info' },
      'metrics-listen': { type: 'string' },
      'metrics-allow-remote': { type: 'boolean', default: false },
    },
    strict: true,
  });
  const dataDir = values['data-dir'];
  if (!dataDir) return fail(io, 'monitor needs --data-dir <dir>');
  const forSeconds = values.for !== undefined ? Number(values.for) : undefined;
  if (forSeconds !== undefined && !(forSeconds > 0)) return fail(io, '--for takes a number of seconds > 0');
  let servers: ServerConfig[] | undefined;
  if (values.config) {
    try {
      servers = loadFleetFile(values.config).servers;
    } catch (err) {
      return fail(io, (err as Error).message);
    }
  }
  let metricsAt: ListenAddress | undefined;
  try {
    if (values['metrics-listen'] !== undefined) metricsAt = parseListenAddress(values['metrics-listen'], values['metrics-allow-remote']!);
  } catch (err) {
    return fail(io, (err as Error).message);
  }
  const paths = nodePaths(dataDir);
  const level = (['debug', 'info', 'warn', 'error'].includes(values['log-level']!) ? values['log-level'] : 'info') as 'info';
  const logger = createLogger('dnsfleet', { level, file: join(paths.logsDir, 'dnsfleet.log'), stderr: !values.json });
  // `dnsfleet monitor --json | head` closes our stdout: stop cleanly (flushing the log), never crash.
  let stdoutOpen = true;
  const stdoutClosed = new Promise<string>((resolve) =>
    io.stdout.once('error', (err: NodeJS.ErrnoException) => {
      stdoutOpen = false;
      resolve(err.code === 'EPIPE' ? 'stdout closed' : `stdout failed (${err.code ?? err.message})`);
    }),
  );
  const print = (obj: Record<string, unknown>, human: string) => {
    if (stdoutOpen) io.stdout.write(values.json ? JSON.stringify(obj) + '\n' : human + '\n');
  };
  // The core's alerting policy already decided; an escalation repeat says which repeat it is.
  const notifier = {
    notify: (a: Alert, how?: NotificationDelivery) =>
      print(
        { kind: 'alert', at: new Date().toISOString(), server: a.serverId, severity: a.severity, title: a.title, ...(how?.repeat ? { repeat: how.repeat } : {}) },
        `ALERT  ${t(a.severity).padEnd(8)} ${t(a.serverId)}  ${how?.repeat ? `(repeat ${how.repeat}) ` : ''}${t(a.title)}`,
      ),
  };
  const core = await createCore({ host: 'cli', paths, notifier, logger, fleetOverride: servers });
  const totp = values['totp-env'] ? process.env[values['totp-env']] : undefined;
  core.onPush(pushPrinter(print, (id) => (totp ? void core.handlers['servers:submitTotp']({ id, code: totp }) : undefined)));
  // Say what the operator must know even in --json mode (stderr, so stdout stays pure JSON lines).
  const health = await core.handlers['app:getHealth']({});
  if (!health.keychain.available) io.stderr.write(`dnsfleet: ${health.keychain.detail}\n`);
  for (const notice of health.notices) io.stderr.write(`dnsfleet: ${notice}\n`);
  let metrics: Awaited<ReturnType<typeof serveMetrics>> | undefined;
  try {
    if (metricsAt) metrics = await serveMetrics(core, metricsAt, logger.child('metrics'));
    // stderr, so stdout stays pure JSON lines; with port 0 this is how a caller learns the port.
    if (metrics) io.stderr.write(`dnsfleet: serving http://${urlHost(metrics.address.host)}:${metrics.address.port}/metrics\n`);
  } catch (err) {
    await core.dispose();
    return fail(io, `cannot serve /metrics on ${values['metrics-listen']}: ${(err as Error).message}`);
  }
  // A watcher that dies on one stray rejection stops watching every server: log it and go on.
  const onRejection = (reason: unknown) => logger.error('unhandled rejection (monitor keeps running)', { reason: String(reason) });
  // SIGHUP is "Reconnect now" for every server not live (e.g. once an administrator unlocked the account).
  const onHangup = () => void reconnectAll(core, logger);
  process.on('unhandledRejection', onRejection);
  process.on('SIGHUP', onHangup);
  core.start();
  const why = await untilStopped(forSeconds !== undefined ? forSeconds * 1000 : undefined, stdoutClosed);
  logger.info('stopping', { why });
  process.off('unhandledRejection', onRejection);
  process.off('SIGHUP', onHangup);
  await metrics?.close();
  await core.dispose();
  return 0;
}

type Print = (obj: Record<string, unknown>, human: string) => void;

/** The README's line contract for pushes: state (with its verdict), verdict, event and health lines. */
export function pushPrinter(print: Print, onNeeds2fa: (serverId: string) => void): (m: PushMessage) => void {
  const lastState = new Map<string, string>();
  const verdicts = new Map<string, ServerVerdict>();
  let lastHealth = 'ok';
  return ({ channel, payload }) => {
    if (channel === 'fleet:onDidChangeVerdict') {
      const v = (payload as VerdictChange).verdict;
      if (!v) return;
      verdicts.set(v.serverId, v);
      print(
        { kind: 'verdict', at: new Date().toISOString(), server: v.serverId, level: v.level, reasons: v.reasons },
        `VERDICT ${t(v.serverId)}  ${v.level}${v.reasons.length > 0 ? `  (${t(v.reasons.join('; '))})` : ''}`,
      );
    } else if (channel === 'fleet:onDidChangeServer') {
      const s = payload as { serverId: string; state: string; detail?: string };
      if (lastState.get(s.serverId) === s.state) return;
      lastState.set(s.serverId, s.state);
      const verdict = verdicts.get(s.serverId)?.level ?? null;
      print(
        { kind: 'state', at: new Date().toISOString(), server: s.serverId, state: s.state, verdict },
        `STATE  ${t(s.serverId)}  ${t(s.state)}${verdict ? ` [${verdict}]` : ''}${s.detail ? `  (${t(s.detail)})` : ''}`,
      );
      if (s.state === 'needs-2fa') onNeeds2fa(s.serverId);
    } else if (channel === 'events:onDidAppend') {
      printEvents(payload as EventLine[], print);
    } else if (channel === 'forwarding:onDidChangeDelivery') {
      printDelivery(payload as AlertDelivery, print);
    } else if (channel === 'app:onDidChangeHealth') {
      // A full disk stops history being kept: say so on stdout too, where a --json reader looks
      // (the log file that would say it sits on the same full disk). Once per change of state.
      const log = (payload as AppHealth).eventLog;
      const key = `${log.state}:${log.detail}`;
      if (key === lastHealth || (lastHealth === 'ok' && log.state === 'ok')) return;
      lastHealth = key;
      print(
        { kind: 'health', at: new Date().toISOString(), eventLog: log.state, detail: log.detail, backlog: log.backlog },
        `HEALTH event log ${log.state}${log.detail ? `  (${t(log.detail)})` : ''}`,
      );
    }
  };
}

/** What became of a forwarded alert: the same words as the inbox ("webhook ops failed: HTTP 503, retry in 40 s (attempt 3)"). */
function printDelivery(d: AlertDelivery, print: Print): void {
  const { alertId: alert, target, transition, state, attempts, lastError: error, nextAttemptAt, deliveredAt } = d;
  const clock = (iso: string) => iso.slice(11, 19) + 'Z';
  print(
    { kind: 'delivery', at: new Date().toISOString(), alert, target, transition, state, attempts, error, nextAttemptAt, deliveredAt },
    `DELIVERY ${t(deliveryText(d, Date.now(), clock))}  (alert ${t(alert)})`,
  );
}

interface EventLine {
  serverId: string;
  type: string;
  category: string;
  severity: string;
  title: string;
  receivedAt: string;
}

function printEvents(events: EventLine[], print: Print): void {
  for (const e of events) {
    print(
      { kind: 'event', at: e.receivedAt, server: e.serverId, type: e.type, category: e.category, severity: e.severity, title: e.title },
      `EVENT  ${t(e.severity).padEnd(8)} ${t(e.serverId)}  ${t(e.type)}  ${t(e.title)}`,
    );
  }
}

async function reconnectAll(core: CoreHandle, logger: Logger): Promise<void> {
  const waiting = (await core.handlers['fleet:getSnapshot']({})).servers.filter((s) => s.state !== 'live' && s.state !== 'disabled');
  logger.info('SIGHUP: reconnecting every server that is not live', { servers: waiting.length });
  for (const s of waiting) await core.handlers['servers:reconnect']({ id: s.serverId }).catch(() => undefined);
}
const urlHost = (host: string) => (host.includes(':') ? `[${host}]` : host);

function fail(io: CliIo, msg: string): number {
  io.stderr.write(`dnsfleet monitor: ${msg}\n`);
  return 2;
}
