import type { ApiHandlers } from '../../../shared/ipc/contract';
import { ApiFailure } from '../../../shared/ipc/dispatch';
import type { CoreServices } from '../compose';

type InspectorChannels = 'inspector:watch' | 'inspector:unwatch' | 'inspector:getSnapshot' | 'inspector:resubscribe';

/** The connection inspector's channels: one service call each. */
export function inspectorHandlers(s: CoreServices): Pick<ApiHandlers, InspectorChannels> {
  const notFound = (id: string) => new ApiFailure('not-found', `no server with id ${id}`);
  return {
    'inspector:watch': async ({ serverId, frames, leaseId }) => {
      const watched = s.inspector.watch(serverId, frames, leaseId);
      if (!watched) throw notFound(serverId);
      return watched;
    },
    'inspector:unwatch': async ({ leaseId }) => {
      s.inspector.unwatch(leaseId);
      return { ok: true as const };
    },
    'inspector:getSnapshot': async ({ serverId }) => {
      const snap = s.inspector.snapshot(serverId);
      if (!snap) throw notFound(serverId);
      return snap;
    },
    'inspector:resubscribe': async ({ serverId }) => {
      if (!s.inspector.snapshot(serverId)) throw notFound(serverId);
      return { ok: true as const, sent: s.fleet.resubscribe(serverId) };
    },
  };
}
