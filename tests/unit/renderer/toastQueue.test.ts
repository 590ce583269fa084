import { describe, expect, it } from 'vitest';
import { addToast, AUTO_CLOSE_MS, CRITICAL_COLLAPSE_MS, dismissToast, EMPTY_TOASTS, expireToasts, nextExpiry, visibleToasts, type ToastState } from '../../../renderer/src/lib/toastQueue';
import { alert } from '../../e2e/support/fakeData';
import type { Severity } from '../../../shared/domain/fleetEvent';

const raise = (s: ToastState, id: string, severity: Severity, at: number) => addToast(s, { key: `k-${id}-${at}`, alert: alert({ id, severity }), headline: id, at });

describe('alert toast queue', () => {
  it('shows three, newest first, and counts the rest', () => {
    let s = EMPTY_TOASTS;
    for (let i = 0; i < 7; i++) s = raise(s, `a${i}`, 'error', i);
    const { shown, more } = visibleToasts(s);
    expect(shown.map((t) => t.alert.id)).toEqual(['a6', 'a5', 'a4']);
    expect(more).toBe(4);
  });

  it('replaces the toast of an alert raised again instead of stacking it', () => {
    const s = raise(raise(raise(EMPTY_TOASTS, 'a', 'error', 0), 'b', 'error', 1), 'a', 'error', 2);
    expect(s.toasts.map((t) => t.alert.id)).toEqual(['a', 'b']);
  });

  it('closes non-critical toasts after a while and moves critical ones to the banner after 30 s', () => {
    let s = raise(raise(EMPTY_TOASTS, 'warn', 'warning', 0), 'crit', 'critical', 0);
    expect(nextExpiry(s)).toBe(AUTO_CLOSE_MS);
    s = expireToasts(s, AUTO_CLOSE_MS);
    expect(s.toasts.map((t) => t.alert.id)).toEqual(['crit']);
    expect(s.banner).toEqual([]);
    expect(expireToasts(s, CRITICAL_COLLAPSE_MS - 1)).toBe(s);
    s = expireToasts(s, CRITICAL_COLLAPSE_MS);
    expect(s.toasts).toEqual([]);
    expect(s.banner.map((t) => t.alert.id)).toEqual(['crit']);
    expect(nextExpiry(s)).toBeNull();
    // Raised again: a toast once more, not also in the banner.
    s = raise(s, 'crit', 'critical', CRITICAL_COLLAPSE_MS + 5);
    expect(s.banner).toEqual([]);
    expect(dismissToast(s, s.toasts[0]!.key).toasts).toEqual([]);
  });

  it('stays bounded under a storm', () => {
    let s = EMPTY_TOASTS;
    for (let i = 0; i < 5000; i++) s = raise(s, `a${i}`, 'critical', i);
    expect(s.toasts.length).toBeLessThanOrEqual(200);
    expect(visibleToasts(s).atLeast).toBe(true);
    expect(expireToasts(s, 10 * CRITICAL_COLLAPSE_MS).banner.length).toBeLessThanOrEqual(200);
  });
});
