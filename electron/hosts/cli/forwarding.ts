/**
 * `dnsfleet forwarding status|set-secret|test`: the alert outbox seen from a shell. `status` shows
 * each delivery (target, alert, transition, state, attempts, last error); `set-secret` keeps a signed
 * webhook's secret in the OS keychain (from a hidden prompt or stdin, never an argument); `test` sends
 * a test alert, firing then resolved, to every configured target and says what each answered.
 */
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { Alert } from '../../../shared/domain/alert';
import { openCredentialStore } from '../../core/credentials/openCredentialStore';
import type { DeliveryAttempt } from '../../core/forwarding/AlertForwarder';
import { AlertOutbox, type OutboxEntry } from '../../core/forwarding/AlertOutbox';
import { HttpUrl } from '../../core/forwarding/forwardingSettings';
import { startForwarding } from '../../core/forwarding/startForwarding';
import { testAlert } from '../../core/forwarding/testAlert';
import { systemClock } from '../../core/platform';
import { ConfSettingsStore } from '../../core/settings/ConfSettingsStore';
import { Emitter } from '../../core/util/Emitter';
import { createLogger } from '../../core/util/logger';
import { promptHidden, readStdin, type ServersIo } from './servers';

const TEST_WAIT_MS = 20_000;

export async function forwardingCommand(argv: string[], io: ServersIo): Promise<number> {
  const [sub, ...rest] = argv;
  const { values } = parseArgs({
    args: rest,
    options: {
      'data-dir': { type: 'string' },
      json: { type: 'boolean', default: false },
      pending: { type: 'boolean', default: false },
      alert: { type: 'string' },
      id: { type: 'string' },
      'secret-stdin': { type: 'boolean', default: false },
      url: { type: 'boolean', default: false },
    },
    strict: true,
  });
  const dataDir = values['data-dir'];
  if (!dataDir) return usage(io, 'needs --data-dir <dir>');
  if (sub === 'status') return status(dataDir, values, io);
  if (sub === 'set-secret') return setSecret(dataDir, values.id, values['secret-stdin'] === true, values.url === true, io);
  if (sub === 'test') return sendTest(dataDir, io);
  return usage(io, 'needs one of: status, set-secret, test');
}

function status(dataDir: string, v: { json?: boolean; pending?: boolean; alert?: string }, io: ServersIo): number {
  const file = AlertOutbox.fileIn(dataDir);
  if (!existsSync(file)) return (io.stderr.write('no alert has been forwarded from this data dir\n'), 0);
  const outbox = AlertOutbox.open(file);
  try {
    const rows = v.alert ? outbox.forAlert(v.alert) : outbox.recent({ pendingOnly: v.pending === true, limit: 200 });
    for (const r of rows) io.stdout.write(v.json ? JSON.stringify(describe(r)) + '\n' : line(r) + '\n');
    return 0;
  } finally {
    outbox.close();
  }
}

const describe = (r: OutboxEntry) => ({
  target: r.target,
  alert: r.alertId,
  transition: r.transition,
  state: r.state,
  attempts: r.attempts,
  lastError: r.lastError,
  nextAttemptAt: r.state === 'pending' ? new Date(r.nextAt).toISOString() : null,
  deliveredAt: r.deliveredAt === null ? null : new Date(r.deliveredAt).toISOString(),
});
const line = (r: OutboxEntry) =>
  `${r.state.padEnd(9)} ${r.target}  ${r.alertId}  ${r.transition}  attempts ${r.attempts}${r.lastError ? `  (${r.lastError})` : ''}`;

/** The signing secret, or with --url the webhook's URL when it is itself a secret (settings `url: null`). */
async function setSecret(dataDir: string, id: string | undefined, fromStdin: boolean, isUrl: boolean, io: ServersIo): Promise<number> {
  if (!id) return usage(io, 'set-secret needs --id <webhook id>');
  const settings = ConfSettingsStore.open({ dataDir, logger: quietLogger() });
  const known = settings.get().forwarding.webhooks.some((h) => h.id === id);
  if (!known) io.stderr.write(`note: no webhook "${id}" in ${dataDir}/settings.json yet; the secret is kept for when there is\n`);
  const credentials = await openCredentialStore(quietLogger());
  if (!credentials.status().persistent) return fail(io, `${credentials.status().detail}; a webhook secret must outlive this command`);
  const what = isUrl ? 'URL' : 'signing secret';
  const secret = fromStdin || !io.isTTY ? await readStdin(io.stdin) : await promptHidden(io, `${isUrl ? 'URL' : 'Signing secret'} for webhook ${id}: `);
  if (!secret) return fail(io, `no ${what} given`);
  const url = isUrl ? HttpUrl.safeParse(secret.trim()) : null;
  if (url && !url.success) return fail(io, `not a usable URL: ${url.error.issues.map((i) => i.message).join('; ')}`);
  await credentials.set(id, isUrl ? 'webhook-url' : 'webhook-secret', url?.success ? url.data : secret);
  io.stderr.write(`${what} for webhook ${id} stored in the keychain\n`);
  return 0;
}

async function sendTest(dataDir: string, io: ServersIo): Promise<number> {
  const settings = ConfSettingsStore.open({ dataDir, logger: quietLogger() }).get().forwarding;
  const credentials = await openCredentialStore(quietLogger());
  const changes = new Emitter<Alert>();
  const forwarding = startForwarding({
    settings: { ...settings, minSeverity: 'debug' },
    dataDir,
    clock: systemClock,
    logger: quietLogger(),
    alerts: { onDidChange: changes.event, list: () => [] },
    serverLabels: () => ({ name: 'dnsfleet test', tags: [] }),
    webhookSecret: (id) => credentials.get(id, 'webhook-secret'),
    webhookUrl: (id) => credentials.get(id, 'webhook-url'),
  });
  if (!forwarding) return fail(io, 'no target configured: set forwarding.alertmanagerUrl or forwarding.webhooks in settings.json');
  const outcomes = new Map<string, DeliveryAttempt>();
  const expected = forwarding.targets.length * 2;
  const done = new Promise<void>((resolve) =>
    forwarding.forwarder.onDidAttempt((a) => {
      if (!a.alertId.startsWith('test-')) return;
      outcomes.set(`${a.target} ${a.transition}`, a);
      if ([...outcomes.values()].filter((o) => o.outcome !== 'failed').length >= expected) resolve();
    }),
  );
  const alert = testAlert(systemClock.now(), 'info', '`dnsfleet forwarding test`');
  changes.fire(alert);
  changes.fire({ ...alert, status: 'resolved', resolvedAt: new Date(systemClock.now()).toISOString() });
  await Promise.race([done, new Promise((r) => setTimeout(r, TEST_WAIT_MS).unref())]);
  forwarding.dispose();
  for (const [key, o] of outcomes) io.stdout.write(`${o.outcome.padEnd(9)} ${key}${o.error ? `  (${o.error})` : ''}\n`);
  const delivered = [...outcomes.values()].filter((o) => o.outcome === 'delivered').length;
  if (delivered === expected) return 0;
  io.stderr.write('not every target took the test alert; what is still pending stays in the outbox and goes out with the next monitor run\n');
  return 1;
}

const quietLogger = () => createLogger('dnsfleet', { level: 'error', stderr: true });
function usage(io: ServersIo, msg: string): number {
  io.stderr.write(`dnsfleet forwarding: ${msg}\n`);
  return 2;
}
function fail(io: ServersIo, msg: string): number {
  io.stderr.write(`dnsfleet forwarding: ${msg}\n`);
  return 1;
}
