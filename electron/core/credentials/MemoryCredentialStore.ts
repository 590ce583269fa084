import { forgetSecret, registerSecret } from '../util/redact';
import type { CredentialKind, CredentialStore } from './CredentialStore';
import { accountFor, CREDENTIAL_KINDS, noKeychainDetail } from './keychainNames';

export interface CredentialStatus {
  available: boolean;
  persistent: boolean;
  detail: string;
}

/**
 * Secrets for this session only: used when no keychain is reachable, and as the holding place of
 * KeytarCredentialStore for secrets the keychain refused. Nothing here ever touches the disk.
 */
export class MemoryCredentialStore implements CredentialStore {
  private readonly secrets = new Map<string, string>();
  private readonly currentStatus: CredentialStatus;

  constructor(status: Partial<CredentialStatus> = {}) {
    this.currentStatus = { available: false, persistent: false, detail: noKeychainDetail(), ...status };
  }

  async get(serverId: string, kind: CredentialKind): Promise<string | null> {
    return this.secrets.get(accountFor(serverId, kind)) ?? null;
  }

  async set(serverId: string, kind: CredentialKind, secret: string): Promise<void> {
    registerSecret(secret);
    this.secrets.set(accountFor(serverId, kind), secret);
  }

  async delete(serverId: string, kind?: CredentialKind): Promise<void> {
    for (const k of kind ? [kind] : CREDENTIAL_KINDS) {
      const account = accountFor(serverId, k);
      forgetSecret(this.secrets.get(account));
      this.secrets.delete(account);
    }
  }

  async has(serverId: string, kind: CredentialKind = 'password'): Promise<boolean> {
    return this.secrets.has(accountFor(serverId, kind));
  }

  status(): CredentialStatus {
    return { ...this.currentStatus };
  }

  /** Every held secret (KeytarCredentialStore moves them to the keychain once it accepts writes). */
  entries(): { account: string; secret: string }[] {
    return [...this.secrets].map(([account, secret]) => ({ account, secret }));
  }

  deleteAccount(account: string): void {
    this.secrets.delete(account);
  }
}
