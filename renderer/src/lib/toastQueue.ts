import type { Alert } from '../../../shared/domain/alert';

/**
 * The in-page alert toasts as data: what is shown, what is grouped behind "N more alerts", and
 * which critical alerts have moved to the header banner. Pure functions of (state, time), so the
 * rules are tested without a browser; useAlertToasts runs them on a timer.
 */
export const TOAST_LIMIT = 3;
export const AUTO_CLOSE_MS = 8_000;
export const CRITICAL_COLLAPSE_MS = 30_000;
/** A storm raises thousands; the inbox has them all, the queue only needs enough to count. */
const MAX_KEPT = 200;

export interface ToastEntry {
  key: string;
  alert: Alert;
  headline: string;
  /** When it was raised here (epoch ms). */
  at: number;
}

export interface ToastState {
  /** Newest first; the first TOAST_LIMIT are shown, the rest are counted. */
  toasts: ToastEntry[];
  /** Critical alerts whose toast collapsed, newest first. */
  banner: ToastEntry[];
}

export const EMPTY_TOASTS: ToastState = { toasts: [], banner: [] };

const lifetime = (e: ToastEntry) => (e.alert.severity === 'critical' ? CRITICAL_COLLAPSE_MS : AUTO_CLOSE_MS);

/** A raise puts its alert on top; a repeat of the same alert replaces its older toast. */
export function addToast(s: ToastState, entry: ToastEntry): ToastState {
  const others = s.toasts.filter((t) => t.alert.id !== entry.alert.id);
  return { toasts: [entry, ...others].slice(0, MAX_KEPT), banner: s.banner.filter((b) => b.alert.id !== entry.alert.id) };
}

export function dismissToast(s: ToastState, key: string): ToastState {
  return { ...s, toasts: s.toasts.filter((t) => t.key !== key) };
}

/** Drops expired toasts; expired critical ones move to the banner. Same object when nothing changed. */
export function expireToasts(s: ToastState, now: number): ToastState {
  const expired = s.toasts.filter((t) => now - t.at >= lifetime(t));
  if (expired.length === 0) return s;
  const collapsed = expired.filter((t) => t.alert.severity === 'critical');
  const ids = new Set(collapsed.map((t) => t.alert.id));
  return {
    toasts: s.toasts.filter((t) => now - t.at < lifetime(t)),
    banner: [...collapsed, ...s.banner.filter((b) => !ids.has(b.alert.id))].slice(0, MAX_KEPT),
  };
}

/** When the next toast expires, or null with none left. */
export function nextExpiry(s: ToastState): number | null {
  return s.toasts.reduce<number | null>((min, t) => Math.min(min ?? Infinity, t.at + lifetime(t)), null);
}

/** The visible toasts and how many wait behind them ("at least", once the queue is full). */
export function visibleToasts(s: ToastState): { shown: ToastEntry[]; more: number; atLeast: boolean } {
  return { shown: s.toasts.slice(0, TOAST_LIMIT), more: Math.max(0, s.toasts.length - TOAST_LIMIT), atLeast: s.toasts.length >= MAX_KEPT };
}
