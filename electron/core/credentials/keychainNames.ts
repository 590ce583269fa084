import type { CredentialKind } from './CredentialStore';

/** One keychain service for the whole app; every secret is an account under it. */
export const KEYCHAIN_SERVICE = 'dns-fleet-monitor';
/**
 * The start-up probes use a service of their own that never holds a server's secret. We never call
 * keytar's findCredentials: it crashes the process (SIGSEGV in libsecret) when a *locked* collection
 * holds items of the searched service (seen with gnome-keyring 42 on Debian 12).
 */
export const KEYCHAIN_PROBE_SERVICE = 'dns-fleet-monitor-probe';

/** The kinds a server owns (removing a server removes these); a webhook's secret is not one of them. */
export const CREDENTIAL_KINDS: readonly CredentialKind[] = ['password', 'refresh'];

/**
 * `${serverId}` holds the password, `${serverId}:refresh` the refresh token, `webhook:${id}` a
 * webhook's signing secret, `webhook-url:${id}` a webhook URL that is a secret (server ids cannot hold a
 * colon, so the names never meet).
 */
export function accountFor(id: string, kind: CredentialKind): string {
  if (kind === 'webhook-secret') return `webhook:${id}`;
  if (kind === 'webhook-url') return `webhook-url:${id}`;
  return kind === 'password' ? id : `${id}:refresh`;
}

function keychainName(): string {
  if (process.platform === 'darwin') return 'macOS Keychain';
  if (process.platform === 'win32') return 'Windows Credential Manager';
  return 'Secret Service';
}

export const SESSION_ONLY = 'passwords are kept in memory for this session only';

export function noKeychainDetail(): string {
  return `No OS keychain (${keychainName()}) found: ${SESSION_ONLY}`;
}
export function lockedKeychainDetail(): string {
  return `The OS keychain (${keychainName()}) is locked or refuses new items: ${SESSION_ONLY}`;
}
export function keychainOkDetail(): string {
  return `Passwords are stored in the OS keychain (${keychainName()})`;
}
