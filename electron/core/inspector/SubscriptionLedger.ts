/**
 * Subscriptions as the server confirmed them (§2.3, §4.1). Legacy: the welcome's fixed
 * `subscribed_events`. Unified: each `subscription_updated` lists only the types it newly added,
 * and "Already subscribed to event type: X" in its errors confirms X too; other errors and
 * `validation_error` are refusals. A new unified connection starts a new list (its first reply
 * fills it). Everything from the server is capped in count and length before it is kept.
 */
import type { InspectorSubscriptions } from '../../../shared/domain/inspector';
import { redactedHead } from '../util/redact';

const MAX_TYPES = 100;
const MAX_REFUSALS = 20;
const ALREADY = /^Already subscribed to event type: (.{1,100})$/;

export class SubscriptionLedger {
  private confirmed = new Set<string>();
  private lastAdded: string[] = [];
  private refused: string[] = [];
  private confirmations = 0;
  private lastConfirmedAt: number | null = null;

  /** A new connection attempt: what the last one's server confirmed no longer says anything. */
  reset(): void {
    this.confirmed = new Set();
    this.refused = [];
    this.lastAdded = [];
  }

  /**
   * connection_established: a legacy socket lists its fixed subscriptions (a health+system pair
   * adds both lists up); a unified connection starts afresh, its first reply fills the list.
   */
  welcome(stack: 'legacy' | 'unified', data: unknown, at: number): void {
    if (stack === 'unified') return this.reset();
    for (const t of strings(field(data, 'subscribed_events'))) if (this.confirmed.size < MAX_TYPES) this.confirmed.add(t);
    this.confirmations++;
    this.lastConfirmedAt = at;
  }

  /** A unified subscription_updated reply (U4). */
  reply(data: unknown, at: number): void {
    const added = strings(field(data, 'subscriptions'));
    for (const t of added) if (this.confirmed.size < MAX_TYPES) this.confirmed.add(t);
    for (const e of strings(field(data, 'errors'))) {
      const already = ALREADY.exec(e);
      if (already) {
        if (this.confirmed.size < MAX_TYPES) this.confirmed.add(already[1]!);
      } else this.refuse(e);
    }
    this.lastAdded = added;
    this.confirmations++;
    this.lastConfirmedAt = at;
  }

  /** validation_error: one bad name rejected the whole request (U12). */
  refuse(message: string): void {
    this.refused.unshift(redactedHead(message, 200));
    if (this.refused.length > MAX_REFUSALS) this.refused.length = MAX_REFUSALS;
  }

  view(requested: string[], requestsSent: number, lastRequestAt: number | null): InspectorSubscriptions {
    return {
      requested,
      confirmed: [...this.confirmed].sort(),
      lastAdded: [...this.lastAdded],
      refused: [...this.refused],
      requestsSent,
      confirmations: this.confirmations,
      lastRequestAt: isoOrNull(lastRequestAt),
      lastConfirmedAt: isoOrNull(this.lastConfirmedAt),
    };
  }
}

function field(data: unknown, key: string): unknown {
  return typeof data === 'object' && data !== null && Object.hasOwn(data, key) ? (data as Record<string, unknown>)[key] : undefined;
}

/** The strings of a server's array, at most MAX_TYPES of them, each cut and masked. */
function strings(v: unknown): string[] {
  if (!Array.isArray(v)) return [];
  const out: string[] = [];
  for (const x of v.slice(0, MAX_TYPES)) if (typeof x === 'string') out.push(redactedHead(x, 200));
  return out;
}

export const isoOrNull = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());
