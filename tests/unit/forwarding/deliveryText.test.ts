import { describe, expect, it } from 'vitest';
import { deliveriesByTarget, deliveryText, targetName, type AlertDelivery } from '../../../shared/domain/delivery';

const NOW = Date.parse('2026-12-06T12:10:00.000Z');
const hhmm = (iso: string) => iso.slice(11, 16);
const d = (over: Partial<AlertDelivery>): AlertDelivery => ({
  alertId: 'a1',
  target: 'alertmanager',
  transition: 'firing',
  state: 'pending',
  attempts: 0,
  nextAttemptAt: null,
  lastError: null,
  deliveredAt: null,
  ...over,
});

describe('delivery in words', () => {
  it('says where it went and when, what failed and when it is tried again, and what was refused', () => {
    expect(deliveryText(d({ state: 'delivered', attempts: 1, deliveredAt: '2026-12-06T12:03:00.000Z' }), NOW, hhmm)).toBe('forwarded to Alertmanager 12:03');
    expect(deliveryText(d({ attempts: 2, lastError: 'HTTP 503', nextAttemptAt: '2026-12-06T12:10:40.000Z' }), NOW, hhmm)).toBe(
      'Alertmanager failed: HTTP 503, retry in 40 s (attempt 3)',
    );
    expect(deliveryText(d({ target: 'webhook:ops', attempts: 1, lastError: 'connect ECONNREFUSED', nextAttemptAt: '2026-12-06T12:09:59.000Z' }), NOW, hhmm)).toBe(
      'webhook ops failed: connect ECONNREFUSED, retrying now (attempt 2)',
    );
    expect(deliveryText(d({ target: 'webhook:ops', state: 'rejected', attempts: 1, lastError: 'HTTP 400' }), NOW, hhmm)).toBe('refused by webhook ops: HTTP 400');
    expect(deliveryText(d({ transition: 'resolved', state: 'delivered', deliveredAt: '2026-12-06T12:05:00.000Z' }), NOW, hhmm)).toBe('resolve forwarded to Alertmanager 12:05');
    expect(deliveryText(d({}), NOW, hhmm)).toBe('queued for Alertmanager');
    expect(targetName('webhook:a:b')).toBe('webhook a:b');
  });

  it('per target shows what the target waits on: the pending head, not a resolve queued behind it', () => {
    const firing = d({ attempts: 3, lastError: 'HTTP 503' });
    const resolve = d({ transition: 'resolved' });
    const hook = d({ target: 'webhook:ops', state: 'delivered', attempts: 1, deliveredAt: '2026-12-06T12:03:00.000Z' });
    const hookResolved = d({ target: 'webhook:ops', transition: 'resolved', state: 'delivered', attempts: 1, deliveredAt: '2026-12-06T12:08:00.000Z' });
    expect(deliveriesByTarget([firing, hook, resolve, hookResolved])).toEqual([firing, hookResolved]);
    // Pushed in another order (a resolve's push before the firing's read): still the firing it waits on.
    expect(deliveriesByTarget([resolve, hookResolved, hook, firing])).toEqual([firing, hookResolved]);
    expect(deliveriesByTarget([d({ state: 'rejected', lastError: 'HTTP 400' }), d({ transition: 'resolved', state: 'delivered' })])[0]!.state).toBe('rejected');
  });
});
