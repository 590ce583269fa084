/**
 * `dnsfleet diagnose --data-dir <dir> --out <file.zip> [--force]`: the diagnostics bundle of a data
 * dir for a support ticket (core/diagnostics). Reads settings, the keychain (only to know which
 * secrets to mask), the event log in place and the logs; connects to no server. An existing file is
 * replaced only with --force. stdout gets the written path; stderr what it holds or what went wrong.
 */
import { existsSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { defaultPaths } from '../../core/compose';
import { openCredentialStore } from '../../core/credentials/openCredentialStore';
import type { CredentialStore } from '../../core/credentials/CredentialStore';
import { packageVersion } from '../../core/diagnostics/appVersion';
import { dataDirDiagnosticsSource, registerStoredSecrets } from '../../core/diagnostics/dataDirSource';
import { writeDiagnosticsBundle } from '../../core/diagnostics/DiagnosticsBundle';
import { ConfSettingsStore } from '../../core/settings/ConfSettingsStore';
import { createLogger } from '../../core/util/logger';

interface CliIo {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
}

/** Seams for tests: the keychain (the real one by default). */
export interface DiagnoseDeps {
  openCredentials?: () => Promise<CredentialStore>;
}

const quietLogger = () => createLogger('dnsfleet', { level: 'error', stderr: true });

export async function diagnoseCommand(argv: string[], io: CliIo, deps: DiagnoseDeps = {}): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({ args: argv, options: { 'data-dir': { type: 'string' }, out: { type: 'string' }, force: { type: 'boolean', default: false } }, strict: true }));
  } catch (err) {
    return fail(io, (err as Error).message, 2);
  }
  const dataDir = values['data-dir'];
  const out = values.out ? resolve(values.out) : undefined;
  if (!dataDir || !out) return fail(io, 'needs --data-dir <dir> and --out <file.zip>', 2);
  const refused = checkPaths(dataDir, out, values.force === true);
  if (refused) return fail(io, refused, 1);

  const settings = ConfSettingsStore.open({ dataDir, logger: quietLogger() });
  try {
    const credentials = await (deps.openCredentials ?? (() => openCredentialStore(quietLogger())))();
    await registerStoredSecrets(settings, credentials);
    const source = dataDirDiagnosticsSource({ paths: defaultPaths(dataDir), settings, credentials, appVersion: packageVersion() });
    const written = await writeDiagnosticsBundle(source, out, { force: values.force === true });
    io.stderr.write(`diagnostics bundle: ${written.files.length} files, ${written.bytes} bytes (${written.files.join(', ')})\n`);
    io.stdout.write(`${written.path}\n`);
    return 0;
  } catch (err) {
    return fail(io, (err as Error).message, 1);
  } finally {
    (settings as { dispose?: () => void }).dispose?.();
  }
}

/** What is wrong with the paths, in words, or null. */
function checkPaths(dataDir: string, out: string, force: boolean): string | null {
  if (!existsSync(dataDir) || !statSync(dataDir).isDirectory()) return `no data dir at ${dataDir}`;
  if (!existsSync(dirname(out))) return `the folder for ${out} does not exist`;
  if (existsSync(out) && statSync(out).isDirectory()) return `${out} is a folder; give a file name such as ${out}/diagnostics.zip`;
  if (existsSync(out) && !force) return `${out} already exists; add --force to replace it`;
  return null;
}

function fail(io: CliIo, msg: string, code: number): number {
  io.stderr.write(`dnsfleet diagnose: ${msg}\n`);
  return code;
}
