import { z } from 'zod';

/**
 * What the connection inspector knows about one server's link, computed in the core
 * (electron/core/inspector) from what the session, its sockets, the poller and the backoff saw,
 * and only rendered by the server page, `dnsfleet inspect` and the diagnostics bundle.
 * JSON-serialisable and secret-free: every string that came from a server or a failure passed the
 * core's redaction, and no token, password or URL query is in it. Times are ISO UTC; null means
 * "not seen yet" (say so, never show 0).
 */
const iso = z.string();
const count = z.number().int().min(0);
export const WireStackSchema = z.enum(['legacy', 'unified']);

export const InspectorSocketSchema = z.object({
  /** The socket's path, e.g. /api/unified/ws or /api/websocket/ws/admin (never the token). */
  label: z.string(),
  stack: WireStackSchema,
  state: z.enum(['connecting', 'open', 'closed']),
  openedAt: iso.nullable(),
  closedAt: iso.nullable(),
  /** Close code and reason as the socket ended ("1000 Replaced by new connection"), redacted. */
  closeReason: z.string().nullable(),
  /** The server's connection_established arrived. */
  welcomed: z.boolean(),
  /** Application pongs sent in answer to the unified server's pings (§4.1). */
  pongsSent: count,
});
export type InspectorSocket = z.infer<typeof InspectorSocketSchema>;

export const InspectorSubscriptionsSchema = z.object({
  /** What this client asked for (unified subscribe_events), empty on legacy. */
  requested: z.array(z.string()),
  /** Event types the server said it delivers: its welcome's list (legacy) or subscribe replies (unified). */
  confirmed: z.array(z.string()),
  /** Types the latest reply newly added (after an expiry, what the server had silently dropped). */
  lastAdded: z.array(z.string()),
  /** The server's refusals ("Permission denied for event type: x", validation errors). */
  refused: z.array(z.string()),
  requestsSent: count,
  /** subscription_updated replies (unified) or welcomes (legacy) received. */
  confirmations: count,
  lastRequestAt: iso.nullable(),
  lastConfirmedAt: iso.nullable(),
});
export type InspectorSubscriptions = z.infer<typeof InspectorSubscriptionsSchema>;

export const InspectorPingSchema = z.object({
  /** WebSocket protocol ping round trip, ms; null before the first pong. */
  lastMs: z.number().nullable(),
  lastAt: iso.nullable(),
  /** Over the pongs of the last hour (every socket of this server). */
  p50Ms: z.number().nullable(),
  p95Ms: z.number().nullable(),
  samples: count,
  sent: count,
  answered: count,
});

export const FrameTypeCountSchema = z.object({ type: z.string(), count: count });

export const InspectorFramesSchema = z.object({
  /** Messages received since the session started (a batch counts each message in it). */
  total: count,
  /** Messages of each type received over the last 60 s, most first. */
  perMinute: z.array(FrameTypeCountSchema),
  /** Messages of each type since the session started, most first. */
  totals: z.array(FrameTypeCountSchema),
  events: count,
  control: count,
  duplicates: count,
  rejected: count,
});

export const RejectedFrameSchema = z.object({
  at: iso,
  socket: z.string(),
  reason: z.string(),
  /** Length of the whole frame in characters. */
  length: count,
  /** The frame's start, secrets masked before it was cut (at most 200 characters). */
  excerpt: z.string(),
});
export type RejectedFrame = z.infer<typeof RejectedFrameSchema>;

export const ReconnectRecordSchema = z.object({
  at: iso,
  /** The waiting state entered: reconnecting, offline, replaced, stale... */
  state: z.string(),
  cause: z.string(),
  /** The backoff chosen before the next attempt. */
  delayMs: count,
  attempt: count,
});
export type ReconnectRecord = z.infer<typeof ReconnectRecordSchema>;

export const PollRecordSchema = z.object({
  at: iso,
  durationMs: count,
  outcome: z.enum(['ok', 'partial', 'unauthorized', 'unreachable']),
  /** Requests of the poll that failed. */
  failures: count,
  error: z.string().nullable(),
});
export type PollRecord = z.infer<typeof PollRecordSchema>;

export const InspectorSnapshotSchema = z.object({
  serverId: z.string(),
  takenAt: iso,
  /** The session's connection state (ServerState) when the snapshot was taken. */
  state: z.string(),
  stack: WireStackSchema.nullable(),
  sockets: z.array(InspectorSocketSchema),
  subscriptions: InspectorSubscriptionsSchema,
  ping: InspectorPingSchema,
  frames: InspectorFramesSchema,
  /** The latest rejections, newest first (at most 20). */
  rejected: z.array(RejectedFrameSchema),
  reconnects: z.object({ total: count, recent: z.array(ReconnectRecordSchema) }),
  token: z.object({ expiresAt: iso.nullable(), nextRefreshAt: iso.nullable() }),
  polls: z.object({
    total: count,
    failed: count,
    p50Ms: z.number().nullable(),
    /** The latest polls, newest first (at most 10). */
    recent: z.array(PollRecordSchema),
  }),
  /** Requests fail2ban would count (429/500/502/503, refused handshakes) in the last `windowMs`. */
  fail2ban: z.object({ used: count, budget: count, banAt: count, windowMs: count }),
  /** The raw frame tail: held only while someone has the Frames view open. */
  frameTail: z.object({ enabled: z.boolean(), held: count, capacity: count }),
});
export type InspectorSnapshot = z.infer<typeof InspectorSnapshotSchema>;

/** One received frame in the raw tail, as received after redaction of tokens and registered secrets. */
export const TailFrameSchema = z.object({
  seq: count,
  at: iso,
  socket: z.string(),
  stack: WireStackSchema,
  /** The message type ("system_status/query_update" for nested unified events), or "unparsed". */
  type: z.string(),
  /** Length of the frame as received, in characters. */
  length: count,
  /** The redacted text, cut at 16 KiB (real frames are a few KiB; a hostile one must not fill the page). */
  text: z.string(),
  truncated: z.boolean(),
});
export type TailFrame = z.infer<typeof TailFrameSchema>;

/** The largest part of a frame the tail keeps. */
export const TAIL_TEXT_MAX = 16 * 1024;
export const TAIL_CAPACITY = 500;

/**
 * A frame as one line in the format of the protocol's test vectors (shared/protocol/vectors.json
 * entries: name, stack, about, frame), for a bug report. The text is the already-redacted one.
 */
export function frameFixtureLine(frame: TailFrame, serverName: string): string {
  return JSON.stringify({
    name: `${frame.type}-${frame.seq}`,
    stack: frame.stack,
    about: `captured from ${serverName} at ${frame.at}${frame.truncated ? ` (cut at ${frame.text.length} of ${frame.length} characters)` : ''}`,
    frame: frame.text,
  });
}
