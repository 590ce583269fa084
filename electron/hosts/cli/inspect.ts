import { parseArgs } from 'node:util';
import { join } from 'node:path';
import type { InspectorSnapshot } from '../../../shared/domain/inspector';
import type { ServerConfig } from '../../../shared/domain/serverConfig';
import type { CoreHandle, PushMessage } from '../../core/api/CoreHandle';
import { createCore } from '../../core/compose';
import { loadFleetFile } from '../../core/fleetConfig/fleetFile';
import { ConfSettingsStore } from '../../core/settings/ConfSettingsStore';
import { createLogger } from '../../core/util/logger';
import { nodePaths, untilStopped } from '../nodePlatform';
import { inspectText } from './inspectText';

interface CliIo {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
}

/**
 * `dnsfleet inspect`: one server's connection inspector from a session of its own (the core the
 * other hosts run, watching only that server). Prints the core's snapshot once the session is live
 * and a link ping came back (or --wait ran out), or with --watch each snapshot the core pushes.
 * --json prints the snapshot exactly as the core made it, one object per line.
 */
export async function inspectCommand(argv: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      'data-dir': { type: 'string' },
      server: { type: 'string' },
      config: { type: 'string' },
      json: { type: 'boolean', default: false },
      watch: { type: 'boolean', default: false },
      wait: { type: 'string', default: '15' },
      for: { type: 'string' },
    },
    strict: true,
  });
  const dataDir = values['data-dir'];
  const serverId = values.server;
  if (!dataDir || !serverId) return fail(io, 'inspect needs --data-dir <dir> and --server <id>');
  const waitMs = Number(values.wait) * 1000;
  const forMs = values.for !== undefined ? Number(values.for) * 1000 : undefined;
  if (!(waitMs >= 0) || (forMs !== undefined && !(forMs > 0))) return fail(io, '--wait and --for take a number of seconds');
  const paths = nodePaths(dataDir);
  const logger = createLogger('dnsfleet', { level: 'warn', file: join(paths.logsDir, 'dnsfleet.log'), stderr: false });
  const settings = ConfSettingsStore.open({ dataDir, logger: logger.child('settings') });
  let servers: ServerConfig[];
  try {
    servers = values.config ? loadFleetFile(values.config).servers : settings.get().servers;
  } catch (err) {
    return fail(io, (err as Error).message);
  }
  const config = servers.find((s) => s.id === serverId);
  if (!config) return fail(io, `no server with id ${serverId}${values.config ? ` in ${values.config}` : ` in ${dataDir}`}`);
  // The server keeps one WebSocket per account (§2.2): a monitor or app on the same account is replaced meanwhile.
  io.stderr.write(`dnsfleet inspect: opening a session of its own to ${serverId}; another session with the same account is replaced while this runs\n`);
  const core = await createCore({ host: 'cli', paths, logger, settings, notifier: { notify: () => undefined }, fleetOverride: [config] });
  const print = (snap: InspectorSnapshot) => io.stdout.write(values.json ? JSON.stringify(snap) + '\n' : inspectText(snap) + '\n');
  try {
    core.start();
    if (values.watch) await watch(core, serverId, print, forMs);
    else print(await settled(core, serverId, waitMs));
  } finally {
    await core.dispose();
  }
  return 0;
}

/** The snapshot once the session is live and a ping was answered, or whatever it is when `waitMs` ran out. */
async function settled(core: CoreHandle, serverId: string, waitMs: number): Promise<InspectorSnapshot> {
  const { leaseId, snapshot } = await core.handlers['inspector:watch']({ serverId, frames: false });
  const ready = (s: InspectorSnapshot) => s.state === 'live' && s.ping.lastMs !== null;
  let last = snapshot;
  if (!ready(last)) {
    await new Promise<void>((resolve) => {
      const timer = setTimeout(done, waitMs);
      const off = core.onPush((m) => {
        const snap = pushedSnapshot(m, serverId);
        if (!snap) return;
        last = snap;
        if (ready(last)) done();
      });
      function done(): void {
        clearTimeout(timer);
        off();
        resolve();
      }
    });
  }
  await core.handlers['inspector:unwatch']({ leaseId });
  // Taken now: what was pushed may be up to a second old.
  return core.handlers['inspector:getSnapshot']({ serverId });
}

/** Every snapshot the core pushes (at most one a second) until SIGINT/SIGTERM or --for. */
async function watch(core: CoreHandle, serverId: string, print: (s: InspectorSnapshot) => void, forMs: number | undefined): Promise<void> {
  let lease = await core.handlers['inspector:watch']({ serverId, frames: false });
  print(lease.snapshot);
  const off = core.onPush((m: PushMessage) => {
    const snap = pushedSnapshot(m, serverId);
    if (snap) print(snap);
  });
  const renew = setInterval(() => {
    void core.handlers['inspector:watch']({ serverId, frames: false, leaseId: lease.leaseId }).then((l) => (lease = l));
  }, lease.leaseMs / 3);
  await untilStopped(forMs);
  clearInterval(renew);
  off();
  await core.handlers['inspector:unwatch']({ leaseId: lease.leaseId });
}

function pushedSnapshot(m: PushMessage, serverId: string): InspectorSnapshot | null {
  if (m.channel !== 'inspector:onDidChange') return null;
  const snap = m.payload as InspectorSnapshot;
  return snap.serverId === serverId ? snap : null;
}

function fail(io: CliIo, msg: string): number {
  io.stderr.write(`dnsfleet inspect: ${msg}\n`);
  return 2;
}
