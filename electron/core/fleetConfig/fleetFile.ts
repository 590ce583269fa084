/**
 * fleet.json: the fleet as a file to share, review and seed machines with. It never holds a
 * secret: FleetFileSchema strips unknown keys (a `password` included) on the way in and out.
 */
import { readFileSync } from 'node:fs';
import { FleetFileSchema, isAllowedPasswordEnv, PASSWORD_ENV_RULE, type FleetFile, type ServerConfig } from '../../../shared/domain/serverConfig';
import { ApiFailure } from '../../../shared/ipc/dispatch';
import type { ServerRegistry } from '../settings/ServerRegistry';

export class FleetFileError extends Error {
  constructor(
    message: string,
    readonly problems: string[] = [],
  ) {
    super(problems.length > 0 ? `${message}\n  ${problems.join('\n  ')}` : message);
    this.name = 'FleetFileError';
  }
}

export interface ImportSummary {
  added: string[];
  updated: string[];
  /** Imported servers with no stored password and no passwordEnv: the user must enter one. */
  needCredentials: string[];
}

export function exportFleet(configs: ServerConfig[]): FleetFile {
  return FleetFileSchema.parse({ servers: configs });
}

/** Reads and validates a fleet file; every failure is a FleetFileError that says what to fix. */
export function loadFleetFile(path: string): FleetFile {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new FleetFileError(`fleet file not found: ${path}`);
    throw new FleetFileError(`fleet file ${path} could not be read: ${(err as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new FleetFileError(`fleet file ${path} is not valid JSON: ${jsonErrorWithLine(err as Error, text)}`);
  }
  return parseFleetFile(json, path);
}

/** Validates fleet JSON; problems are listed per server index (and id when there is one). */
export function parseFleetFile(json: unknown, source = 'fleet file'): FleetFile {
  const parsed = FleetFileSchema.safeParse(json);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${locate(json, issue.path)}: ${issue.message}`);
    throw new FleetFileError(`${source} has ${problems.length} problem(s):`, problems);
  }
  const envProblems = parsed.data.servers.flatMap((s, i) =>
    s.passwordEnv === undefined || isAllowedPasswordEnv(s.passwordEnv) ? [] : [`servers[${i}] (id "${s.id}") passwordEnv "${String(s.passwordEnv).slice(0, 80)}": ${PASSWORD_ENV_RULE}; a fleet file may not choose any other variable of your environment to send as a password`],
  );
  if (envProblems.length > 0) throw new FleetFileError(`${source} names environment variables it may not read:`, envProblems);
  const seen = new Set<string>();
  const duplicates = parsed.data.servers.flatMap((s, i) => (seen.has(s.id) ? [`servers[${i}]: id "${s.id}" appears more than once`] : (seen.add(s.id), [])));
  if (duplicates.length > 0) throw new FleetFileError(`${source} has duplicate server ids:`, duplicates);
  return parsed.data;
}

/**
 * Adds the file's new servers and updates the known ones (a certificate pinned locally is kept
 * when the file pins none for the same URL).
 */
export async function importFleet(registry: ServerRegistry, file: FleetFile): Promise<ImportSummary> {
  const checked = parseFleetFile(file, 'imported fleet');
  const configs = checked.servers.map((incoming) => keepLocalPin(incoming, registry.get(incoming.id)));
  const { added, updated } = await registry.upsertMany(configs);
  const needCredentials: string[] = [];
  for (const c of configs) if (!(await registry.hasCredential(c))) needCredentials.push(c.id);
  return { added, updated, needCredentials };
}

/** A file the user chose is a bad request, not an internal error: the hosts show its problems as they are. */
export function asRequestError<T>(run: () => T): T {
  const rethrow = (err: unknown): never => {
    throw err instanceof FleetFileError ? new ApiFailure('invalid-request', err.message) : err;
  };
  try {
    const result = run();
    return (result instanceof Promise ? result.catch(rethrow) : result) as T;
  } catch (err) {
    return rethrow(err);
  }
}

function keepLocalPin(incoming: ServerConfig, existing: ServerConfig | undefined): ServerConfig {
  const pin = existing?.tls?.fingerprint256;
  if (!pin || incoming.tls?.fingerprint256 || existing.url !== incoming.url) return incoming;
  return { ...incoming, tls: { ...incoming.tls, fingerprint256: pin } };
}

function locate(json: unknown, path: PropertyKey[]): string {
  const [first, index, ...rest] = path;
  if (first !== 'servers' || typeof index !== 'number') return path.map(String).join('.') || '(file)';
  const server = (json as { servers?: unknown[] }).servers?.[index] as { id?: unknown } | undefined;
  const id = typeof server?.id === 'string' ? ` (id "${server.id}")` : '';
  return `servers[${index}]${id}${rest.length > 0 ? ` ${rest.map(String).join('.')}` : ''}`;
}

/** V8 reports a character position; people look for a line. */
function jsonErrorWithLine(err: Error, text: string): string {
  if (/line \d+/.test(err.message)) return err.message;
  const pos = /position (\d+)/.exec(err.message);
  if (!pos) return err.message;
  const before = text.slice(0, Number(pos[1]));
  const line = before.split('\n').length;
  const column = before.length - before.lastIndexOf('\n');
  return `${err.message} (line ${line} column ${column})`;
}
