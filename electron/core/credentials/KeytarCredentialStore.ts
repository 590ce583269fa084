import { systemClock, type Clock, type Logger } from '../platform';
import { Emitter, type Event } from '../util/Emitter';
import { forgetSecret, registerSecret } from '../util/redact';
import type { CredentialKind, CredentialStore } from './CredentialStore';
import { accountFor, CREDENTIAL_KINDS, KEYCHAIN_SERVICE, keychainOkDetail, lockedKeychainDetail } from './keychainNames';
import type { KeytarApi } from './keytarModule';
import { MemoryCredentialStore, type CredentialStatus } from './MemoryCredentialStore';
import { withTimeout } from './withTimeout';

export const KEYCHAIN_TIMEOUT_MS = 3000;

export interface KeytarCredentialStoreDeps {
  keytar: KeytarApi;
  logger: Logger;
  clock?: Clock;
  /** Upper bound of one keychain call. */
  timeoutMs?: number;
  service?: string;
}

/**
 * Secrets in the OS keychain. When the keychain refuses a write (a locked collection, a daemon that
 * went away) the secret is kept in memory for this session, the status says so, and the held secrets
 * move to the keychain as soon as a later write succeeds. Never falls back to a file.
 */
export class KeytarCredentialStore implements CredentialStore {
  private readonly keytar: KeytarApi;
  private readonly log: Logger;
  private readonly clock: Clock;
  private readonly timeoutMs: number;
  private readonly service: string;
  private readonly held = new MemoryCredentialStore();
  private degraded: string | null = null;
  private readonly statusEmitter = new Emitter<CredentialStatus>();
  /** Fires when the keychain starts or stops accepting secrets. */
  readonly onDidChangeStatus: Event<CredentialStatus> = this.statusEmitter.event;

  constructor(deps: KeytarCredentialStoreDeps) {
    this.keytar = deps.keytar;
    this.log = deps.logger;
    this.clock = deps.clock ?? systemClock;
    this.timeoutMs = deps.timeoutMs ?? KEYCHAIN_TIMEOUT_MS;
    this.service = deps.service ?? KEYCHAIN_SERVICE;
  }

  async get(serverId: string, kind: CredentialKind): Promise<string | null> {
    const held = await this.held.get(serverId, kind);
    if (held !== null) return held;
    try {
      const secret = await this.call('getPassword', () => this.keytar.getPassword(this.service, accountFor(serverId, kind)));
      registerSecret(secret);
      return secret;
    } catch (err) {
      this.log.warn('keychain read failed', { serverId, kind, err });
      return null;
    }
  }

  async set(serverId: string, kind: CredentialKind, secret: string): Promise<void> {
    registerSecret(secret);
    try {
      await this.call('setPassword', () => this.keytar.setPassword(this.service, accountFor(serverId, kind), secret));
      await this.held.delete(serverId, kind);
      await this.recover();
    } catch (err) {
      this.log.warn('keychain refused a secret; keeping it in memory for this session', { serverId, kind, err });
      await this.held.set(serverId, kind, secret);
      this.degrade(lockedKeychainDetail());
    }
  }

  async delete(serverId: string, kind?: CredentialKind): Promise<void> {
    for (const k of kind ? [kind] : CREDENTIAL_KINDS) {
      await this.held.delete(serverId, k);
      try {
        const account = accountFor(serverId, k);
        const old = await this.call('getPassword', () => this.keytar.getPassword(this.service, account));
        await this.call('deletePassword', () => this.keytar.deletePassword(this.service, account));
        forgetSecret(old);
      } catch (err) {
        this.log.warn('keychain delete failed', { serverId, kind: k, err });
      }
    }
  }

  async has(serverId: string, kind: CredentialKind = 'password'): Promise<boolean> {
    return (await this.get(serverId, kind)) !== null;
  }

  status(): CredentialStatus {
    if (this.degraded) return { available: false, persistent: false, detail: this.degraded };
    return { available: true, persistent: true, detail: keychainOkDetail() };
  }

  /** Marks the keychain unusable for writes (start-up write probe failed, or a write failed). */
  degrade(detail: string): void {
    if (this.degraded === detail) return;
    this.degraded = detail;
    this.statusEmitter.fire(this.status());
  }

  dispose(): void {
    this.statusEmitter.dispose();
  }

  /** A write went through: move secrets held in memory into the keychain and clear the notice. */
  private async recover(): Promise<void> {
    if (!this.degraded) return;
    for (const { account, secret } of this.held.entries()) {
      try {
        await this.call('setPassword', () => this.keytar.setPassword(this.service, account, secret));
        this.held.deleteAccount(account);
      } catch (err) {
        this.log.warn('keychain still refuses held secrets', { err });
        return;
      }
    }
    this.degraded = null;
    this.log.info('keychain accepts secrets again');
    this.statusEmitter.fire(this.status());
  }

  private call<T>(what: string, work: () => Promise<T>): Promise<T> {
    return withTimeout(this.clock, this.timeoutMs, `keychain ${what}`, work);
  }
}
