import type { ServerState, ServerStatus } from '../../../shared/domain/serverState';
import type { IconName } from '../components/Icon/iconPaths';

export interface StateMeta {
  label: string;
  color: string;
  icon: IconName;
  /** What it means for the operator, shown on hover. */
  hint: string;
  /** 0 = fine, 1 = settling, 2 = warning, 3 = needs attention. Only `live` is 0. */
  level: 0 | 1 | 2 | 3;
}

/** Colour, icon and words for every state: never colour alone, and only `live` is green. */
export const STATE_META: Record<ServerState, StateMeta> = {
  live: { label: 'Live', color: 'green', icon: 'check', hint: 'Data arrived within the watchdog window.', level: 0 },
  connecting: { label: 'Connecting', color: 'blue', icon: 'plug', hint: 'Opening the connection.', level: 1 },
  authenticating: { label: 'Signing in', color: 'blue', icon: 'key', hint: 'Logging in to the server.', level: 1 },
  disabled: { label: 'Disabled', color: 'gray', icon: 'pause', hint: 'Monitoring is switched off for this server.', level: 1 },
  stale: { label: 'Stale', color: 'yellow', icon: 'clock', hint: 'Connected, but no data within the watchdog window: what you see may be outdated.', level: 2 },
  reconnecting: { label: 'Reconnecting', color: 'orange', icon: 'refresh', hint: 'The connection dropped; retrying with backoff.', level: 2 },
  replaced: { label: 'Replaced', color: 'grape', icon: 'swap', hint: 'Another session with the same account replaced this one.', level: 3 },
  'needs-2fa': { label: '2FA code needed', color: 'violet', icon: 'key', hint: 'The account needs a one-time code to sign in.', level: 3 },
  'auth-failed': { label: 'Sign-in failed', color: 'red', icon: 'lock', hint: 'Username or password rejected. Update the password.', level: 3 },
  'account-locked': { label: 'Account locked', color: 'red', icon: 'lock', hint: 'The server locked the account after failed sign-ins.', level: 3 },
  'tls-untrusted': { label: 'Certificate not trusted', color: 'red', icon: 'shield', hint: 'The server presented a certificate we do not trust.', level: 3 },
  offline: { label: 'Offline', color: 'red', icon: 'plugOff', hint: 'The server cannot be reached.', level: 3 },
};

/** The state that most needs attention across the fleet (null when there are no servers). */
export function worstState(servers: readonly ServerStatus[]): ServerState | null {
  let worst: ServerState | null = null;
  for (const s of servers) if (worst === null || STATE_META[s.state].level > STATE_META[worst].level) worst = s.state;
  return worst;
}
