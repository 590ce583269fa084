import { z } from 'zod';

/**
 * The honest connection state of one server. The same identifiers appear in the UI, the CLI
 * (`dnsfleet monitor --json`) and the IPC contract. Only `live` means "data arrived within the
 * watchdog window"; everything else is some flavour of "we do not know right now".
 */
export const SERVER_STATES = [
  'connecting',
  'authenticating',
  'live',
  'stale',
  'reconnecting',
  'needs-2fa',
  'auth-failed',
  'account-locked',
  'replaced',
  'tls-untrusted',
  'offline',
  'disabled',
] as const;
export const ServerStateSchema = z.enum(SERVER_STATES);
export type ServerState = z.infer<typeof ServerStateSchema>;

/** States that need a human (no automatic retry will fix them). */
export const NEEDS_USER: ReadonlySet<ServerState> = new Set(['needs-2fa', 'auth-failed', 'account-locked', 'tls-untrusted', 'replaced']);

export const ForwarderStatusSchema = z.enum(['healthy', 'unhealthy', 'degraded', 'unknown', 'disabled']);
export type ForwarderStatus = z.infer<typeof ForwarderStatusSchema>;

export const ForwarderSnapshotSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  type: z.string(),
  status: ForwarderStatusSchema,
  healthyServers: z.number().int(),
  totalServers: z.number().int(),
  lastChecked: z.string().nullable(),
});
export type ForwarderSnapshot = z.infer<typeof ForwarderSnapshotSchema>;

/** What the renderer and CLI know about one server at a moment. Never contains a secret. */
export const ServerStatusSchema = z.object({
  serverId: z.string(),
  name: z.string(),
  state: ServerStateSchema,
  /** Human explanation of the state ("HTTP 423 account locked", "no data for 80 s"). */
  detail: z.string().optional(),
  /** ISO UTC time the state was entered. */
  since: z.string(),
  /** ISO UTC time of the last frame or snapshot that carried data. */
  lastDataAt: z.string().nullable(),
  /** Which stack the session is on now. */
  stack: z.enum(['legacy', 'unified']).nullable(),
  reconnect: z.object({ attempt: z.number().int(), nextAt: z.string() }).nullable(),
  /** SHA-256 fingerprint offered by the server when state is tls-untrusted. */
  tlsFingerprint: z.string().nullable().optional(),
  forwarders: z.array(ForwarderSnapshotSchema),
  bindRunning: z.boolean().nullable(),
  /** ISO UTC time of the last health data (forwarder health or BIND state); the verdict checks its age. */
  healthAt: z.string().nullable().optional(),
  hasCredential: z.boolean().optional(),
  /**
   * ISO UTC time since when this server has not been live (the link left live, or the first
   * attempt began); null while live or disabled. Steady across retries: "silent for 42 s".
   */
  blindSince: z.string().nullable().optional(),
  /** Why the link was lost or the last attempt failed ("no answer from the server for 10 s"); null while live. */
  blindCause: z.string().nullable().optional(),
  /** The server's group and tags from its config, for the fleet view's grouping (absent from older hosts). */
  group: z.string().optional(),
  tags: z.array(z.string()).optional(),
});
export type ServerStatus = z.infer<typeof ServerStatusSchema>;
