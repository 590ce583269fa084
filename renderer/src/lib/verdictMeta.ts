import { VERDICT_DISPLAY_ORDER, type FleetVerdict, type VerdictLevel } from '../../../shared/domain/verdict';
import type { IconName } from '../components/Icon/iconPaths';

export interface VerdictMeta {
  label: string;
  color: string;
  icon: IconName;
  /** CSS colour for places outside Mantine's theme (the favicon). */
  hex: string;
  hint: string;
}

/**
 * How each verdict level looks: colour, icon and word, never colour alone. The level itself is
 * decided in the core (electron/core/verdict); this only renders it. Only `ok` is green.
 */
export const VERDICT_META: Readonly<Record<VerdictLevel, VerdictMeta>> = {
  critical: { label: 'Critical', color: 'red', icon: 'x', hex: '#e03131', hint: 'Something is down on this server.' },
  warning: { label: 'Warning', color: 'yellow', icon: 'alert', hex: '#f08c00', hint: 'Something is degraded on this server.' },
  blind: { label: 'Blind', color: 'gray', icon: 'question', hex: '#868e96', hint: 'No fresh data: we cannot tell how this server is right now.' },
  maintenance: { label: 'Maintenance', color: 'blue', icon: 'tool', hex: '#1c7ed6', hint: 'In a maintenance window: alerts are recorded, not notified.' },
  ok: { label: 'OK', color: 'green', icon: 'check', hex: '#2f9e44', hint: 'Live, fresh health data, nothing wrong.' },
  disabled: { label: 'Disabled', color: 'dark', icon: 'pause', hex: '#495057', hint: 'Monitoring is switched off.' },
};

/** The page title: the worst problem first, so a browser tab says it ("(2 critical) DNS Fleet Monitor"). */
export function fleetTitle(f: FleetVerdict | null): string {
  const base = 'DNS Fleet Monitor';
  if (!f || f.total === 0) return base;
  const problems = VERDICT_DISPLAY_ORDER.filter((l) => (l === 'critical' || l === 'warning' || l === 'blind') && f.counts[l] > 0);
  if (problems.length === 0) return base;
  return `(${problems.map((l) => `${f.counts[l]} ${l}`).join(', ')}) ${base}`;
}

const FAVICON_MARK: Readonly<Record<VerdictLevel, string>> = {
  critical: '<path d="M10 10l12 12M22 10l-12 12" stroke="#fff" stroke-width="4" stroke-linecap="round"/>',
  warning: '<path d="M16 8v10M16 23v1" stroke="#fff" stroke-width="4" stroke-linecap="round"/>',
  blind: '<path d="M12 12a4 4 0 1 1 5 4c-1 .5-1 1.5-1 2.5M16 24v.5" stroke="#fff" stroke-width="3.5" stroke-linecap="round" fill="none"/>',
  maintenance: '<path d="M10 16h12" stroke="#fff" stroke-width="4" stroke-linecap="round"/>',
  ok: '<path d="M9 16l5 5l9 -10" stroke="#fff" stroke-width="4" stroke-linecap="round" fill="none"/>',
  disabled: '<path d="M12 10v12M20 10v12" stroke="#fff" stroke-width="4" stroke-linecap="round"/>',
};

/** A favicon per fleet level: colour and a distinct mark, as an SVG data URL (CSP allows data: images). */
export function faviconHref(level: VerdictLevel): string {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><circle cx="16" cy="16" r="15" fill="${VERDICT_META[level].hex}"/>${FAVICON_MARK[level]}</svg>`;
  return `data:image/svg+xml,${encodeURIComponent(svg)}`;
}
