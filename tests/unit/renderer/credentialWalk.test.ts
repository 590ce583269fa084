import { describe, expect, it } from 'vitest';
import { advance, sameUsernameLater, startWalk } from '../../../renderer/src/lib/credentialWalk';

const s = (id: string, username: string) => ({ id, name: id.toUpperCase(), url: `https://${id}:8443`, username });

describe('the import walkthrough queue', () => {
  const queue = [s('a', 'noc'), s('b', 'other'), s('c', 'noc'), s('d', ''), s('e', 'noc')];

  it('offers the later servers with the same username, never earlier ones or empty usernames', () => {
    const walk = startWalk(queue);
    expect(sameUsernameLater(walk).map((x) => x.id)).toEqual(['c', 'e']);
    expect(sameUsernameLater({ ...walk, index: 2 }).map((x) => x.id)).toEqual(['e']);
    expect(sameUsernameLater({ ...walk, index: 3 })).toEqual([]);
  });

  it('after storing one password for a, c and e it asks only for b and d, and counts three stored', () => {
    let walk = advance(startWalk(queue), ['a', 'c', 'e']);
    expect(walk.queue[walk.index]!.id).toBe('b');
    expect(sameUsernameLater(walk)).toEqual([]);
    walk = advance(walk, []);
    expect(walk.queue[walk.index]!.id).toBe('d');
    walk = advance(walk, ['d']);
    expect(walk.index).toBe(queue.length);
    expect(walk.stored).toBe(4);
  });
});
