/**
 * Where secrets live: the OS keychain (keytar) or, when none is available, memory for this
 * session only. Never a file, never a setting, never the renderer.
 * Account naming: `${serverId}` for the password, `${serverId}:refresh` for the refresh token,
 * `webhook:${webhookId}` for the HMAC secret of an alert webhook (the id then names the webhook),
 * `webhook-url:${webhookId}` for a webhook URL that is itself a secret (Slack, Teams).
 */
export type CredentialKind = 'password' | 'refresh' | 'webhook-secret' | 'webhook-url';

export interface CredentialStore {
  get(serverId: string, kind: CredentialKind): Promise<string | null>;
  set(serverId: string, kind: CredentialKind, secret: string): Promise<void>;
  delete(serverId: string, kind?: CredentialKind): Promise<void>;
  has(serverId: string, kind?: CredentialKind): Promise<boolean>;
  /** Whether secrets survive a restart (a real keychain) and why not. */
  status(): { available: boolean; persistent: boolean; detail: string };
}
