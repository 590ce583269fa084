/**
 * A stored password (and the refresh token got with it) belongs to the URL and username it was
 * entered for. A fleet file that keeps a server's id but changes its URL or username, whether
 * imported, saved, or given to `monitor --config`, must not send that password to its own server: the
 * credential is handed out only while the config still matches the binding recorded when it was
 * stored (a non-secret hash in settings). A mismatch reads as "no password": the user is asked again.
 */
import { createHash } from 'node:crypto';
import type { ServerConfig } from '../../../shared/domain/serverConfig';
import type { Logger } from '../platform';
import type { CredentialKind, CredentialStore } from './CredentialStore';

/** sha256 of the normalised URL and the username: safe to keep in settings. */
export function credentialBinding(config: Pick<ServerConfig, 'url' | 'username'>): string {
  let url = config.url;
  try {
    url = new URL(config.url).href;
  } catch {
    /* an unparsable URL binds as written */
  }
  return createHash('sha256').update(`${url}\n${config.username}`).digest('hex');
}

export interface BindingLookup {
  /** The config the core is about to sign in with (settings or `--config`). */
  configOf(serverId: string): ServerConfig | undefined;
  /** The binding recorded when the credential was stored, if any. */
  bindingOf(serverId: string): string | undefined;
}

/** The credential store as the sessions see it: secrets only for the config they were bound to. */
export class BoundCredentialStore implements CredentialStore {
  constructor(
    private readonly inner: CredentialStore,
    private readonly lookup: BindingLookup,
    private readonly logger: Logger,
  ) {}

  async get(serverId: string, kind: CredentialKind): Promise<string | null> {
    const secret = await this.inner.get(serverId, kind);
    if (secret === null || this.matches(serverId)) return secret;
    this.logger.warn('stored credential withheld: the server URL or username changed since it was entered', { serverId, kind });
    return null;
  }

  async has(serverId: string, kind?: CredentialKind): Promise<boolean> {
    return (await this.inner.has(serverId, kind)) && this.matches(serverId);
  }

  set(serverId: string, kind: CredentialKind, secret: string): Promise<void> {
    return this.inner.set(serverId, kind, secret);
  }

  delete(serverId: string, kind?: CredentialKind): Promise<void> {
    return this.inner.delete(serverId, kind);
  }

  status(): ReturnType<CredentialStore['status']> {
    return this.inner.status();
  }

  private matches(serverId: string): boolean {
    const config = this.lookup.configOf(serverId);
    const bound = this.lookup.bindingOf(serverId);
    return config !== undefined && bound !== undefined && bound === credentialBinding(config);
  }
}
