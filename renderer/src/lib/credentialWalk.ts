/**
 * The import walkthrough's queue, as pure functions: which later servers share the current one's
 * username (so one typed password can serve them all), and where the walk goes next.
 */
export interface WalkServer {
  id: string;
  name: string;
  url: string;
  username: string;
}

export interface Walk<S extends WalkServer = WalkServer> {
  queue: S[];
  index: number;
  stored: number;
  /** Servers that already have their password (stored along with an earlier one). */
  done: ReadonlySet<string>;
}

export function startWalk<S extends WalkServer>(queue: S[]): Walk<S> {
  return { queue, index: 0, stored: 0, done: new Set() };
}

/** Later servers in the walk, not yet done, with the same (non-empty) username as the current one. */
export function sameUsernameLater<S extends WalkServer>(walk: Walk<S>): S[] {
  const current = walk.queue[walk.index];
  if (!current || current.username === '') return [];
  return walk.queue.slice(walk.index + 1).filter((s) => s.username === current.username && !walk.done.has(s.id));
}

/** Moves past the current server (and every later one whose password is now stored). */
export function advance<S extends WalkServer>(walk: Walk<S>, storedIds: readonly string[]): Walk<S> {
  const done = new Set([...walk.done, ...storedIds]);
  let index = walk.index + 1;
  while (index < walk.queue.length && done.has(walk.queue[index]!.id)) index++;
  return { ...walk, index, done, stored: walk.stored + storedIds.length };
}
