/**
 * Alert forwarding as every surface shows it: where each alert went (Alertmanager, a webhook), what
 * happened to each delivery and what comes next. The outbox in the core is the source; these are
 * its facts crossing the contract, and the words for them ("forwarded to Alertmanager 12:03",
 * "failed: HTTP 503, retry in 40 s (attempt 3)"), said the same way by the renderer and the CLI.
 * No secret is ever part of this: a webhook's signing secret is only "set" or "not set".
 */
import { z } from 'zod';
import { SeveritySchema } from './fleetEvent';
import { duration } from './silence';

export const WEBHOOK_FORMATS = ['json', 'slack', 'teams'] as const;
export const WebhookFormatSchema = z.enum(WEBHOOK_FORMATS);
export type WebhookFormat = z.infer<typeof WebhookFormatSchema>;

/** One delivery of one alert transition to one target, as the outbox holds it. */
export const AlertDeliverySchema = z.object({
  alertId: z.string(),
  /** `alertmanager` or `webhook:<id>`. */
  target: z.string(),
  transition: z.enum(['firing', 'resolved']),
  state: z.enum(['pending', 'delivered', 'rejected']),
  /** Attempts made so far (0 until the first send). */
  attempts: z.number().int().min(0),
  /** ISO time of the next attempt while pending. */
  nextAttemptAt: z.string().nullable(),
  lastError: z.string().nullable(),
  deliveredAt: z.string().nullable(),
});
export type AlertDelivery = z.infer<typeof AlertDeliverySchema>;

// The core checks URLs fully (forwardingSettings.ts); the contract refuses the obvious: not http(s),
// or a user name/password in the authority (secrets belong in the keychain).
const HttpUrl = z
  .string()
  .max(2000)
  .regex(/^https?:\/\/[^/?#@\s]+(?:[/?#]\S*)?$/i, 'an http:// or https:// URL without a user name or password');

export const WebhookIdSchema = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$/, 'letters, digits, dot, dash and underscore');

/** The `forwarding` settings as the Settings page edits them (no secret). */
export const ForwardingConfigSchema = z.object({
  minSeverity: SeveritySchema,
  alertmanagerUrl: HttpUrl.nullable(),
  /** `url: null`: the URL is a secret (Slack, Teams), kept in the keychain and set like a signing secret. */
  webhooks: z.array(z.object({ id: WebhookIdSchema, url: HttpUrl.nullable(), format: WebhookFormatSchema, signed: z.boolean() })).max(20),
});
export type ForwardingConfig = z.infer<typeof ForwardingConfigSchema>;

/** What a write-only keychain entry of a webhook holds: its signing secret, or its URL. */
export const WebhookSecretKindSchema = z.enum(['signing', 'url']);
export type WebhookSecretKind = z.infer<typeof WebhookSecretKindSchema>;

/** What the Settings page shows: the config, whether each signed webhook has its secret, and the outbox. */
export const ForwardingViewSchema = z.object({
  config: ForwardingConfigSchema,
  /** Webhook ids whose signing secret is in the keychain (the secret itself never leaves the core). */
  secretsSet: z.array(z.string()),
  /** Webhook ids whose secret URL is in the keychain (for `url: null`; the URL itself never leaves the core). */
  urlsSet: z.array(z.string()),
  /** False when secrets last only for this session (no OS keychain). */
  keychainPersistent: z.boolean(),
  /** Targets being delivered to now (`alertmanager`, `webhook:<id>`). */
  targets: z.array(z.string()),
  pending: z.number().int().min(0),
  /** Why forwarding is off although targets are configured (a damaged outbox file), in words; null when it runs. */
  problem: z.string().nullable(),
});
export type ForwardingView = z.infer<typeof ForwardingViewSchema>;

/** What "Send test alert" saw of each target: its first answer, or still waiting when the wait ran out. */
export const TestDeliverySchema = z.object({
  target: z.string(),
  transition: z.enum(['firing', 'resolved']),
  outcome: z.enum(['delivered', 'failed', 'rejected', 'waiting']),
  error: z.string().nullable(),
});
export type TestDelivery = z.infer<typeof TestDeliverySchema>;

/** "Alertmanager", "webhook ops". */
export function targetName(target: string): string {
  if (target === 'alertmanager') return 'Alertmanager';
  return target.startsWith('webhook:') ? `webhook ${target.slice('webhook:'.length)}` : target;
}

/**
 * One delivery in words. `clock` formats a time of day (each host its own locale).
 * delivered: "forwarded to Alertmanager 12:03"; pending after a failure: "Alertmanager failed: HTTP 503,
 * retry in 40 s (attempt 3)"; refused: "refused by webhook ops: HTTP 400".
 */
export function deliveryText(d: AlertDelivery, nowMs: number, clock: (iso: string) => string): string {
  const what = d.transition === 'resolved' ? 'resolve ' : '';
  const to = targetName(d.target);
  if (d.state === 'delivered') return `${what}forwarded to ${to}${d.deliveredAt ? ` ${clock(d.deliveredAt)}` : ''}`;
  if (d.state === 'rejected') return `${what}refused by ${to}: ${d.lastError ?? 'no reason given'}`;
  const next = d.nextAttemptAt ? Date.parse(d.nextAttemptAt) - nowMs : 0;
  const when = next > 500 ? `retry in ${duration(next)}` : 'retrying now';
  // Not tried yet: it is being sent, or waits behind an earlier alert to the same target (order is kept).
  if (d.attempts === 0) return `${what}queued for ${to}`;
  return `${what}${to} failed: ${d.lastError ?? 'no answer'}, ${when} (attempt ${d.attempts + 1})`;
}

/**
 * One delivery per target that tells where the alert stands there: the first still pending (what the
 * target waits on; later transitions queue behind it), else a refused one, else the latest delivered.
 */
export function deliveriesByTarget(ds: readonly AlertDelivery[]): AlertDelivery[] {
  const byTarget = new Map<string, AlertDelivery[]>();
  for (const d of ds) byTarget.set(d.target, [...(byTarget.get(d.target) ?? []), d]);
  // A target gets an alert's firing before its resolve (the outbox keeps the order), whatever order these arrived in.
  const queued = (list: AlertDelivery[]) => [...list].sort((a, b) => (a.transition === b.transition ? 0 : a.transition === 'firing' ? -1 : 1));
  return [...byTarget.values()].map(queued).map((list) => list.find((d) => d.state === 'pending') ?? list.find((d) => d.state === 'rejected') ?? list[list.length - 1]!);
}
