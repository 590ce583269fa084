import type { ServerState } from '../../../shared/domain/serverState';
import type { IconName } from '../components/Icon/iconPaths';

export interface StateMeta {
  label: string;
  color: string;
  icon: IconName;
  /** What it means for the operator, shown on hover. */
  hint: string;
}

/**
 * Colour, icon and words for every connection state: never colour alone. No state is green: a live
 * connection says nothing about health; only the verdict (VerdictBadge) may show green.
 */
export const STATE_META: Record<ServerState, StateMeta> = {
  live: { label: 'Live', color: 'gray', icon: 'check', hint: 'Data arrived within the watchdog window.' },
  connecting: { label: 'Connecting', color: 'blue', icon: 'plug', hint: 'Opening the connection.' },
  authenticating: { label: 'Signing in', color: 'blue', icon: 'key', hint: 'Logging in to the server.' },
  disabled: { label: 'Disabled', color: 'gray', icon: 'pause', hint: 'Monitoring is switched off for this server.' },
  stale: { label: 'Stale', color: 'yellow', icon: 'clock', hint: 'Connected, but no data within the watchdog window: what you see may be outdated.' },
  reconnecting: { label: 'Reconnecting', color: 'orange', icon: 'refresh', hint: 'The connection dropped; retrying with backoff.' },
  replaced: { label: 'Replaced', color: 'grape', icon: 'swap', hint: 'Another session with the same account replaced this one.' },
  'needs-2fa': { label: '2FA code needed', color: 'violet', icon: 'key', hint: 'The account needs a one-time code to sign in.' },
  'auth-failed': { label: 'Sign-in failed', color: 'red', icon: 'lock', hint: 'Username or password rejected. Update the password.' },
  'account-locked': { label: 'Account locked', color: 'red', icon: 'lock', hint: 'The server locked the account after failed sign-ins.' },
  'tls-untrusted': { label: 'Certificate not trusted', color: 'red', icon: 'shield', hint: 'The server presented a certificate we do not trust.' },
  offline: { label: 'Offline', color: 'red', icon: 'plugOff', hint: 'The server cannot be reached.' },
};
