import { createRequire } from 'node:module';

/** The part of keytar we use; tests inject a fake with the same shape. */
export interface KeytarApi {
  getPassword(service: string, account: string): Promise<string | null>;
  setPassword(service: string, account: string, password: string): Promise<void>;
  deletePassword(service: string, account: string): Promise<boolean>;
}

export type KeytarLoad = { ok: true; keytar: KeytarApi } | { ok: false; reason: string };

/**
 * keytar is a CommonJS native addon: required lazily, so a missing libsecret or a build for another
 * ABI becomes a reason string instead of an import-time crash of the whole app.
 */
export function loadKeytar(): KeytarLoad {
  try {
    const required = createRequire(import.meta.url)('keytar') as KeytarApi & { default?: KeytarApi };
    const keytar = typeof required.getPassword === 'function' ? required : required.default;
    if (!keytar || typeof keytar.getPassword !== 'function') return { ok: false, reason: 'keytar has no getPassword export' };
    return { ok: true, keytar };
  } catch (err) {
    return { ok: false, reason: (err as Error)?.message ?? String(err) };
  }
}
