import { describe, expect, it } from 'vitest';
import { MemoryCredentialStore } from '../../../electron/core/credentials/MemoryCredentialStore';

describe('MemoryCredentialStore', () => {
  it('stores, updates and deletes per server and kind, and is honest that nothing persists', async () => {
    const store = new MemoryCredentialStore();
    await store.set('a', 'password', 'pw-a-1');
    await store.set('a', 'password', 'pw-a-2');
    await store.set('a', 'refresh', 'rt-a');
    await store.set('b', 'password', 'pw-b');
    expect(await store.get('a', 'password')).toBe('pw-a-2');
    await store.delete('a');
    expect(await store.has('a')).toBe(false);
    expect(await store.has('a', 'refresh')).toBe(false);
    expect(await store.get('b', 'password')).toBe('pw-b');
    expect(store.status()).toMatchObject({ available: false, persistent: false });
  });
});
