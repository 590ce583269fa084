/**
 * Runs inside a private D-Bus session (see keychain.test.ts) and prints one JSON line: what the
 * credential store did against the real Secret Service. Secrets come from PROBE_SECRET.
 */
import { openCredentialStore } from '../../../electron/core/credentials/openCredentialStore';
import { createLogger } from '../../../electron/core/util/logger';

async function run(command: string, id: string): Promise<Record<string, unknown>> {
  const started = Date.now();
  const store = await openCredentialStore(createLogger('probe', { stderr: true, level: 'warn' }));
  const openedMs = Date.now() - started;
  const secret = process.env.PROBE_SECRET ?? 'probe-secret';
  const base = { status: store.status(), openedMs };
  switch (command) {
    case 'status':
      return base;
    case 'roundtrip': {
      await store.set(id, 'password', secret);
      const first = await store.get(id, 'password');
      await store.set(id, 'password', `${secret}-updated`);
      const updated = await store.get(id, 'password');
      await store.set(id, 'refresh', `${secret}-refresh`);
      const refresh = await store.get(id, 'refresh');
      await store.delete(id);
      return { ...base, first, updated, refresh, afterDelete: { password: await store.get(id, 'password'), refresh: await store.has(id, 'refresh') } };
    }
    case 'write':
      await store.set(id, 'password', secret);
      return { ...base, readBack: await store.get(id, 'password') };
    case 'read':
      return { ...base, secret: await store.get(id, 'password') };
    default:
      throw new Error(`unknown probe command ${command}`);
  }
}

const [command = 'status', id = 'dns-probe'] = process.argv.slice(2);
run(command, id).then(
  (result) => process.stdout.write(JSON.stringify({ command, ...result }) + '\n'),
  (err: unknown) => {
    process.stdout.write(JSON.stringify({ command, error: String((err as Error)?.message ?? err) }) + '\n');
    process.exitCode = 1;
  },
);
