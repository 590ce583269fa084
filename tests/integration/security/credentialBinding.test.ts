import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ServerConfigSchema, type ServerConfig } from '../../../shared/domain/serverConfig';
import type { ServerStatus } from '../../../shared/domain/serverState';
import type { CoreHandle } from '../../../electron/core/api/CoreHandle';
import { createCore, defaultPaths } from '../../../electron/core/compose';
import { MemoryCredentialStore } from '../../../electron/core/credentials/MemoryCredentialStore';
import { FleetFileError, parseFleetFile } from '../../../electron/core/fleetConfig/fleetFile';
import { ConfSettingsStore } from '../../../electron/core/settings/ConfSettingsStore';
import { nullLogger } from '../../../electron/core/util/logger';

// Issue 17 item 3: a fleet file (imported, saved, or given to `monitor --config`) must not be able
// to send a stored password, or any environment variable, to a server of its choosing.
const PASSWORD = 'hq-password-7f3a';

/** A listener that records everything sent to it and refuses every login. */
async function startListener(): Promise<{ server: Server; url: string; received: string[] }> {
  const received: string[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (d: Buffer) => (body += d.toString()));
    req.on('end', () => {
      received.push(`${req.method} ${req.url} ${JSON.stringify(req.headers)} ${body}`);
      res.writeHead(401, { 'content-type': 'application/json' }).end('{"detail":"Incorrect username or password"}');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { server, url: `http://127.0.0.1:${(server.address() as { port: number }).port}`, received };
}

describe('a stored password is bound to the URL and username it was entered for', () => {
  let dir: string;
  let listener: Awaited<ReturnType<typeof startListener>>;
  let core: CoreHandle | undefined;
  const credentials = new MemoryCredentialStore();

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'dnsfleet-binding-'));
    listener = await startListener();
  });
  afterEach(async () => {
    await core?.dispose();
    core = undefined;
    await new Promise((r) => listener.server.close(r));
    rmSync(dir, { recursive: true, force: true });
  });

  async function open(fleetOverride?: ServerConfig[]): Promise<CoreHandle> {
    const settings = ConfSettingsStore.open({ dataDir: dir, logger: nullLogger });
    return createCore({ host: 'cli', paths: defaultPaths(dir), notifier: { notify: () => {} }, logger: nullLogger, settings, credentials, fleetOverride });
  }

  function stateOf(c: CoreHandle, id: string, pred: (s: ServerStatus) => boolean): Promise<ServerStatus> {
    return new Promise((resolve) => {
      const stop = c.onPush(({ channel, payload }) => {
        const s = payload as ServerStatus;
        if (channel === 'fleet:onDidChangeServer' && s.serverId === id && pred(s)) {
          stop();
          resolve(s);
        }
      });
    });
  }

  const hq = { id: 'dns-hq-1', name: 'HQ', url: 'http://127.0.0.1:9/', username: 'monitor', stack: 'legacy' as const };
  /** What `monitor --config` hands the core: a parsed config (the schema is lenient, the file check is not). */
  const config = (extra: Partial<ServerConfig>): ServerConfig => ServerConfigSchema.parse({ ...hq, ...extra });

  it('an import that moves a server to another URL does not send the old password there', async () => {
    core = await open();
    await core.handlers['servers:save']({ config: config({}), password: PASSWORD, isNew: true });
    const summary = await core.handlers['fleet:importConfig']({ fleet: { servers: [config({ url: listener.url })] } });
    expect(summary.needCredentials).toContain('dns-hq-1');
    const failed = stateOf(core, 'dns-hq-1', (s) => s.state === 'auth-failed');
    core.start();
    await failed;
    expect(listener.received.join('\n')).not.toContain(PASSWORD);
  });

  it('an import that changes the username asks again too', async () => {
    core = await open();
    await core.handlers['servers:save']({ config: config({ url: listener.url }), password: PASSWORD, isNew: true });
    await core.handlers['fleet:importConfig']({ fleet: { servers: [config({ url: listener.url, username: 'attacker' })] } });
    const failed = stateOf(core, 'dns-hq-1', (s) => s.state === 'auth-failed');
    core.start();
    await failed;
    expect(listener.received.join('\n')).not.toContain(PASSWORD);
  });

  it('monitor --config with a known id and a foreign URL does not get the stored password', async () => {
    const first = await open();
    await first.handlers['servers:save']({ config: config({}), password: PASSWORD, isNew: true });
    await first.dispose();
    core = await open([config({ url: listener.url })]);
    const failed = stateOf(core, 'dns-hq-1', (s) => s.state === 'auth-failed');
    core.start();
    await failed;
    expect(listener.received.join('\n')).not.toContain(PASSWORD);
  });

  it('passwordEnv from a fleet file must name a DNSFLEET_ variable: HOME is refused, never sent', async () => {
    const hostile = { servers: [{ ...hq, url: listener.url, passwordEnv: 'HOME' }] };
    expect(() => parseFleetFile(hostile)).toThrow(FleetFileError);
    expect(() => parseFleetFile(hostile)).toThrow(/DNSFLEET_/);
    // Even a config that reaches the core some other way does not read HOME.
    core = await open([config({ url: listener.url, passwordEnv: 'HOME' })]);
    const failed = stateOf(core, 'dns-hq-1', (s) => s.state === 'auth-failed');
    core.start();
    await failed;
    expect(listener.received.join('\n')).not.toContain(process.env.HOME!);
  });

  it('a DNSFLEET_ variable still works for headless use', async () => {
    process.env.DNSFLEET_TEST_HQ_PASSWORD = 'from-the-environment';
    try {
      core = await open([config({ url: listener.url, passwordEnv: 'DNSFLEET_TEST_HQ_PASSWORD' })]);
      const failed = stateOf(core, 'dns-hq-1', (s) => s.state === 'auth-failed');
      core.start();
      await failed;
      expect(listener.received.join('\n')).toContain('from-the-environment');
    } finally {
      delete process.env.DNSFLEET_TEST_HQ_PASSWORD;
    }
  });
});
