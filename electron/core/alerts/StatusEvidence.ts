/**
 * Which parts of a server status are fresh evidence of recovery. A status is republished for many
 * reasons (data arrived, a stack change) and can carry a BIND or forwarder value from before the
 * failure was seen: the REST poll emits bind_down and then publishes "data arrived" with the old
 * bindRunning (issue 12, the BIND-down alert resolved while BIND was still down). So a snapshot
 * clears a condition only when its value turned healthy since the previous status we saw, or when
 * we had seen no value at all (after a restart, the first snapshot is the news).
 */
import type { ForwarderStatus, ServerStatus } from '../../../shared/domain/serverState';

interface Seen {
  bind: boolean | null;
  forwarders: Map<number, ForwarderStatus>;
}

const isFine = (s: ForwarderStatus | undefined): boolean => s === 'healthy' || s === 'disabled';

export class StatusEvidence {
  private readonly seen = new Map<string, Seen>();

  /** Records a live status and returns what it newly proves healthy (forwarder ids, BIND). */
  observe(status: ServerStatus): { bindRecovered: boolean; forwardersRecovered: number[] } {
    const prev = this.seen.get(status.serverId);
    const bindRecovered = status.bindRunning === true && prev?.bind !== true;
    const forwardersRecovered = status.forwarders.filter((f) => isFine(f.status) && !isFine(prev?.forwarders.get(f.id))).map((f) => f.id);
    this.seen.set(status.serverId, {
      bind: status.bindRunning,
      forwarders: new Map(status.forwarders.map((f) => [f.id, f.status])),
    });
    return { bindRecovered, forwardersRecovered };
  }

  forget(serverId: string): void {
    this.seen.delete(serverId);
  }
}
