import { describe, expect, it } from 'vitest';
import { bridgeToken } from '../../../renderer/src/api/createClient';

function page(search: string, hash = '') {
  const store = new Map<string, string>();
  const replaced: string[] = [];
  const location = { search, pathname: '/', hash } as Location;
  const storage = { getItem: (k: string) => store.get(k) ?? null, setItem: (k: string, v: string) => void store.set(k, v) } as Storage;
  const history = { state: null, replaceState: (_s: unknown, _t: string, url: string) => void replaced.push(url) } as unknown as History;
  return { location, storage, history, replaced };
}

describe('bridgeToken', () => {
  it("takes the token out of the address bar and leaves a wall display's ?wall=1 in it", () => {
    const p = page('?token=secret&wall=1', '#/fleet');
    expect(bridgeToken(p.location, p.storage, p.history)).toBe('secret');
    expect(p.replaced).toEqual(['/?wall=1#/fleet']);
    const bare = page('?token=secret');
    bridgeToken(bare.location, bare.storage, bare.history);
    expect(bare.replaced).toEqual(['/']);
  });
});
