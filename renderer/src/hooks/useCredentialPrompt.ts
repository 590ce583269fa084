import { notifications } from '@mantine/notifications';
import { useCallback, useState } from 'react';
import type { ServerEntry } from '../../../shared/ipc/schemas';
import { describeError } from '../api/FleetClient';
import { advance as advanceWalk, sameUsernameLater, startWalk, type Walk as WalkOf } from '../lib/credentialWalk';
import { useClient } from '../store/StoreContext';

/** The server being asked about; falls back to the bare id when servers:list does not know it. */
export type PromptServer = Pick<ServerEntry, 'name' | 'url' | 'username'> & { id: string };

export interface CredentialPrompt {
  /** Null when no walkthrough is running. */
  current: PromptServer | null;
  /** 1-based position of `current` and the number of servers to walk through. */
  position: number;
  total: number;
  error: string | null;
  busy: boolean;
  /** Later servers with the current one's username: one password can be stored for all of them. */
  sameUsername: PromptServer[];
  start(ids: readonly string[]): void;
  /**
   * Resolves true when the keychain took the password and the prompt moved on. With `forSameUsername`
   * the password is stored for every server in `sameUsername` too (each then signs in at once).
   */
  save(password: string, forSameUsername?: boolean): Promise<boolean>;
  skip(): void;
  close(): void;
}

type Walk = WalkOf<PromptServer>;

function summarise(walk: Walk): void {
  const total = walk.queue.length;
  const missing = total - walk.stored;
  notifications.show({
    color: missing === 0 ? 'green' : 'yellow',
    title: 'Imported credentials',
    message: `${walk.stored} of ${total} password${total === 1 ? '' : 's'} stored in the keychain${missing ? `; ${missing} server${missing === 1 ? '' : 's'} still without a password` : ''}.`,
  });
}

/**
 * Walks through the servers an import left without a credential, one at a time. The password is
 * passed straight through to servers:setPassword and never held in React state.
 */
export function useCredentialPrompt(onStored: () => void): CredentialPrompt {
  const client = useClient();
  const [walk, setWalk] = useState<Walk | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const start = useCallback(
    (ids: readonly string[]) => {
      if (ids.length === 0) return;
      void client.invoke('servers:list', {}).then((r) => {
        const known = new Map((r.ok ? r.value : []).map((e) => [e.id as string, e]));
        const queue = ids.map((id) => known.get(id) ?? { id, name: id, url: '', username: '' });
        setError(null);
        setWalk(startWalk(queue));
      });
    },
    [client],
  );

  const advance = useCallback((from: Walk, storedIds: readonly string[]) => {
    const next = advanceWalk(from, storedIds);
    setError(null);
    if (next.index < next.queue.length) return setWalk(next);
    setWalk(null);
    summarise(next);
  }, []);

  const current = walk ? (walk.queue[walk.index] ?? null) : null;
  const sameUsername = walk ? sameUsernameLater(walk) : [];

  const save = async (password: string, forSameUsername = false): Promise<boolean> => {
    if (!walk || !current) return false;
    if (password.length === 0) return (setError('Enter the password, or skip this server.'), false);
    setBusy(true);
    const r = await client.invoke('servers:setPassword', { id: current.id, password });
    if (!r.ok) return (setBusy(false), setError(describeError(r)), false);
    const stored = [current.id];
    // One keychain write per server: a later one that fails is simply asked for again in turn.
    for (const other of forSameUsername ? sameUsername : []) {
      if ((await client.invoke('servers:setPassword', { id: other.id, password })).ok) stored.push(other.id);
    }
    setBusy(false);
    onStored();
    advance(walk, stored);
    return true;
  };

  const skip = () => {
    if (walk) advance(walk, []);
  };
  // Closing early ends the walkthrough; the summary still says what was stored.
  const close = () => {
    if (!walk) return;
    setWalk(null);
    summarise(walk);
  };

  return { current, position: walk ? walk.index + 1 : 0, total: walk?.queue.length ?? 0, error, busy, sameUsername, start, save, skip, close };
}
