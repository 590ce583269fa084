import { randomBytes } from 'node:crypto';
import { systemClock, type Clock, type Logger } from '../platform';
import type { CredentialStore } from './CredentialStore';
import { KEYCHAIN_PROBE_SERVICE, lockedKeychainDetail } from './keychainNames';
import { KEYCHAIN_TIMEOUT_MS, KeytarCredentialStore } from './KeytarCredentialStore';
import { loadKeytar, type KeytarApi, type KeytarLoad } from './keytarModule';
import { MemoryCredentialStore } from './MemoryCredentialStore';
import { withTimeout } from './withTimeout';

export interface OpenCredentialStoreOptions {
  /** Replaces the lazy `require('keytar')` (tests). */
  load?: () => KeytarLoad;
  clock?: Clock;
  /** Bound of each probe call: a missing bus can hang instead of failing. */
  timeoutMs?: number;
}

/**
 * The keychain if it works, otherwise memory for this session with a notice (status().detail).
 * Two probes, both on a service of their own: a read (is there a Secret Service at all?) and a
 * write + delete (will it take a secret, or is the collection locked?).
 */
export async function openCredentialStore(logger: Logger, opts: OpenCredentialStoreOptions = {}): Promise<CredentialStore> {
  const loaded = (opts.load ?? loadKeytar)();
  if (!loaded.ok) {
    logger.warn('keytar could not be loaded; credentials are kept in memory for this session', { reason: loaded.reason });
    return new MemoryCredentialStore();
  }
  const clock = opts.clock ?? systemClock;
  const ms = opts.timeoutMs ?? KEYCHAIN_TIMEOUT_MS;
  const { keytar } = loaded;
  try {
    // getPassword, not findCredentials: the latter segfaults on a locked collection holding items.
    await withTimeout(clock, ms, 'keychain probe', () => keytar.getPassword(KEYCHAIN_PROBE_SERVICE, 'read-probe'));
  } catch (err) {
    logger.warn('no OS keychain reachable; credentials are kept in memory for this session', { err });
    return new MemoryCredentialStore();
  }
  const store = new KeytarCredentialStore({ keytar, logger, clock, timeoutMs: ms });
  const refusal = await probeWrite(keytar, clock, ms);
  if (refusal) {
    logger.warn('the OS keychain refuses new items (locked?); credentials are kept in memory until it accepts them', { reason: refusal });
    store.degrade(lockedKeychainDetail());
  } else {
    logger.info('credentials are stored in the OS keychain');
  }
  return store;
}

async function probeWrite(keytar: KeytarApi, clock: Clock, ms: number): Promise<string | null> {
  const account = `probe-${process.pid}`;
  try {
    await withTimeout(clock, ms, 'keychain write probe', () => keytar.setPassword(KEYCHAIN_PROBE_SERVICE, account, randomBytes(12).toString('hex')));
    await withTimeout(clock, ms, 'keychain delete probe', () => keytar.deletePassword(KEYCHAIN_PROBE_SERVICE, account));
    return null;
  } catch (err) {
    return (err as Error)?.message ?? String(err);
  }
}
