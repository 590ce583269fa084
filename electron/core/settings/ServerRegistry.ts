import { isAllowedPasswordEnv, PASSWORD_ENV_RULE, ServerConfigSchema, type ServerConfig, type ServerConfigInput } from '../../../shared/domain/serverConfig';
import type { ServerEntry } from '../../../shared/ipc/schemas';
import { credentialBinding } from '../credentials/credentialBinding';
import type { CredentialStore } from '../credentials/CredentialStore';
import type { Logger } from '../platform';
import { Emitter, type Disposer, type Event } from '../util/Emitter';
import type { SettingsStore } from './SettingsStore';

/** Errors as data for the hosts: `code` matches the IPC error codes (dispatch.ts). */
export class RegistryError extends Error {
  constructor(
    readonly code: 'conflict' | 'not-found' | 'invalid-request',
    message: string,
  ) {
    super(message);
    this.name = 'RegistryError';
  }
}

export interface RegistryDeps {
  settings: SettingsStore;
  credentials: CredentialStore;
  logger: Logger;
}

/**
 * The single source of truth for which servers exist: configs in settings, secrets in the
 * credential store. Fires onDidChange with the configs whenever the server list changes.
 */
export class ServerRegistry {
  private readonly settings: SettingsStore;
  private readonly credentials: CredentialStore;
  private readonly log: Logger;
  private readonly changes: Emitter<ServerConfig[]>;
  private readonly unsubscribe: Disposer;
  private lastServers: string;
  readonly onDidChange: Event<ServerConfig[]>;

  constructor(deps: RegistryDeps) {
    this.settings = deps.settings;
    this.credentials = deps.credentials;
    this.log = deps.logger;
    this.changes = new Emitter<ServerConfig[]>((err) => this.log.error('registry listener failed', { err }));
    this.onDidChange = this.changes.event;
    this.lastServers = JSON.stringify(this.configs());
    this.bindUnboundServers();
    // Any settings write can touch servers (an import, another window); only real changes are told.
    this.unsubscribe = this.settings.onDidChange((s) => {
      const now = JSON.stringify(s.servers);
      if (now === this.lastServers) return;
      this.lastServers = now;
      this.changes.fire(s.servers);
    });
  }

  configs(): ServerConfig[] {
    return this.settings.get().servers;
  }

  get(id: string): ServerConfig | undefined {
    return this.configs().find((s) => s.id === id);
  }

  async list(): Promise<ServerEntry[]> {
    return Promise.all(this.configs().map(async (c) => ({ ...c, hasCredential: await this.hasCredential(c) })));
  }

  async hasCredential(config: ServerConfig): Promise<boolean> {
    if (isAllowedPasswordEnv(config.passwordEnv) && process.env[config.passwordEnv]) return true;
    return this.bindingOf(config.id) === credentialBinding(config) && this.credentials.has(config.id, 'password');
  }

  /** The URL+username binding of the server's stored password (credentials/credentialBinding.ts). */
  bindingOf(id: string): string | undefined {
    const bindings = this.settings.get().credentialBindings;
    return Object.hasOwn(bindings, id) ? bindings[id] : undefined;
  }

  /** Adds (isNew) or replaces a server. The password, when given, goes to the credential store only. */
  async save(input: ServerConfigInput | ServerConfig, password: string | undefined, isNew: boolean): Promise<void> {
    const config = parseConfig(input);
    const existing = this.get(config.id);
    if (isNew && existing) throw new RegistryError('conflict', `a server with id "${config.id}" already exists`);
    if (!isNew && !existing) throw new RegistryError('not-found', `no server with id "${config.id}"`);
    if (password !== undefined) await this.credentials.set(config.id, 'password', password);
    // A password and its refresh token belong to one account on one server: a new URL or username
    // without a new password forgets both, so the old password is never sent elsewhere.
    if (existing && password === undefined && accountChanged(existing, config)) await this.forgetCredentials(config.id);
    else if (existing && password !== undefined) await this.credentials.delete(config.id, 'refresh');
    try {
      this.settings.update((s) => ({
        ...s,
        demoOffered: true,
        servers: isNew ? [...s.servers, config] : s.servers.map((x) => (x.id === config.id ? config : x)),
        credentialBindings: withBinding(s.credentialBindings, config, password !== undefined || isNew),
      }));
    } catch (err) {
      if (isNew && password !== undefined) await this.credentials.delete(config.id);
      throw err;
    }
    this.log.info(isNew ? 'server added' : 'server updated', { serverId: config.id });
  }

  /** Adds or replaces many servers in one settings write (fleet import). */
  async upsertMany(configs: ServerConfig[]): Promise<{ added: string[]; updated: string[] }> {
    const before = new Map(this.configs().map((c) => [c.id, c]));
    const added = configs.filter((c) => !before.has(c.id)).map((c) => c.id);
    const updated = configs.filter((c) => before.has(c.id)).map((c) => c.id);
    const moved = updated.filter((id) => accountChanged(before.get(id)!, configs.find((c) => c.id === id)!));
    for (const id of moved) await this.forgetCredentials(id);
    const incoming = new Map(configs.map((c) => [c.id, c]));
    this.settings.update((s) => ({
      ...s,
      demoOffered: true,
      servers: [...s.servers.map((x) => incoming.get(x.id) ?? x), ...configs.filter((c) => !before.has(c.id))],
      credentialBindings: configs.filter((c) => !before.has(c.id) || moved.includes(c.id)).reduce((b, c) => withBinding(b, c, true), s.credentialBindings),
    }));
    if (moved.length > 0) this.log.warn('stored passwords forgotten: the import changed these servers\' URL or username', { servers: moved });
    this.log.info('servers imported', { added: added.length, updated: updated.length });
    return { added, updated };
  }

  async remove(id: string): Promise<void> {
    this.require(id);
    this.settings.update((s) => ({
      ...s,
      servers: s.servers.filter((x) => x.id !== id),
      credentialBindings: Object.fromEntries(Object.entries(s.credentialBindings).filter(([k]) => k !== id)),
    }));
    await this.credentials.delete(id);
    this.log.info('server removed', { serverId: id });
  }

  async setEnabled(id: string, enabled: boolean): Promise<void> {
    this.patch(id, (c) => ({ ...c, enabled }));
  }

  async setPassword(id: string, password: string): Promise<void> {
    const config = this.require(id);
    await this.credentials.set(id, 'password', password);
    await this.credentials.delete(id, 'refresh');
    this.settings.update((s) => ({ ...s, credentialBindings: withBinding(s.credentialBindings, config, true) }));
  }

  /** Trust-on-first-use: remembers the certificate the user accepted for this server. */
  async pinCertificate(id: string, fingerprint256: string): Promise<void> {
    this.patch(id, (c) => ({ ...c, tls: { ...c.tls, fingerprint256 } }));
  }

  /**
   * Passwords stored before bindings existed are bound to the server as configured in settings
   * now (never to a `--config` file), once; from then on a change of URL or username asks again.
   */
  private bindUnboundServers(): void {
    const unbound = this.configs().filter((c) => this.bindingOf(c.id) === undefined);
    if (unbound.length === 0) return;
    this.settings.update((s) => ({ ...s, credentialBindings: unbound.reduce((b, c) => withBinding(b, c, true), s.credentialBindings) }));
  }

  private async forgetCredentials(id: string): Promise<void> {
    await this.credentials.delete(id, 'password');
    await this.credentials.delete(id, 'refresh');
  }

  dispose(): void {
    this.unsubscribe();
    this.changes.dispose();
  }

  private require(id: string): ServerConfig {
    const found = this.get(id);
    if (!found) throw new RegistryError('not-found', `no server with id "${id}"`);
    return found;
  }

  private patch(id: string, change: (c: ServerConfig) => ServerConfig): void {
    this.require(id);
    this.settings.update((s) => ({ ...s, servers: s.servers.map((x) => (x.id === id ? parseConfig(change(x)) : x)) }));
  }
}

const accountChanged = (a: ServerConfig, b: ServerConfig): boolean => credentialBinding(a) !== credentialBinding(b);

/** A copy of the bindings with this server bound to its URL and username (when `bind`). */
function withBinding(bindings: Readonly<Record<string, string>>, config: ServerConfig, bind: boolean): Record<string, string> {
  if (!bind) return { ...bindings };
  return { ...bindings, [config.id]: credentialBinding(config) };
}

function parseConfig(input: unknown): ServerConfig {
  const parsed = ServerConfigSchema.safeParse(input);
  if (parsed.success && parsed.data.passwordEnv !== undefined && !isAllowedPasswordEnv(parsed.data.passwordEnv)) {
    throw new RegistryError('invalid-request', PASSWORD_ENV_RULE);
  }
  if (parsed.success) return parsed.data;
  throw new RegistryError('invalid-request', parsed.error.issues.map((i) => `${i.path.join('.') || 'server'}: ${i.message}`).join('; '));
}
