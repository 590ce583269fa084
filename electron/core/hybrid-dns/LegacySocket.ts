/**
 * The legacy stack (§2.3, §3.3): `/api/websocket/ws/{type}`. `admin` receives both periodic loops;
 * `health` and `system` are the pair for accounts shared with humans (Q4). The server needs no
 * application pong here (its idle `ping` L7 is informational, §6.3).
 */
import { SECOND } from '../../../shared/domain/ids';
import type { Envelope } from './wire/frames';
import { WireSocket, type WireSocketOptions } from './WireSocket';

export type LegacyType = 'admin' | 'health' | 'system';

/** Interval of the stream each type relies on: health_update 30 s, system_status 60 s (§6.3). */
export const LEGACY_STREAM_INTERVAL_MS: Record<LegacyType, number> = { admin: 30 * SECOND, health: 30 * SECOND, system: 60 * SECOND };

export class LegacySocket extends WireSocket {
  private welcomed = false;

  constructor(
    readonly type: LegacyType,
    opts: Omit<WireSocketOptions, 'path'>,
  ) {
    super({ ...opts, path: `/api/websocket/ws/${type}` });
  }

  get established(): boolean {
    return this.welcomed;
  }

  /** Returns true when the frame was the welcome (connection_established). */
  handleControl(env: Envelope): boolean {
    if (env.type !== 'connection_established') return false;
    this.welcomed = true;
    return true;
  }
}
