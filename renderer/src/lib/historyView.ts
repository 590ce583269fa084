/**
 * The chart views' state in the URL: the server page's tab and range (#/server/x?tab=charts&range=24h)
 * and the dashboard's range (#/dashboard?range=7d). Unknown values fall back to the defaults, so a
 * shared link never breaks the page.
 */
import { DEFAULT_HISTORY_RANGE, HISTORY_RANGES, type HistoryRange } from '../../../shared/domain/history';

export const SERVER_TABS = ['overview', 'charts'] as const;
export type ServerTab = (typeof SERVER_TABS)[number];

export interface ServerView {
  tab: ServerTab;
  range: HistoryRange;
}

const pick = <T extends string>(value: string | null, allowed: readonly T[], fallback: T): T => (allowed.find((a) => a === value) ?? fallback);

export function parseServerView(query: string | undefined): ServerView {
  const q = new URLSearchParams(query ?? '');
  return { tab: pick(q.get('tab'), SERVER_TABS, 'overview'), range: pick(q.get('range'), HISTORY_RANGES, DEFAULT_HISTORY_RANGE) };
}

/** Only what differs from the defaults, so the plain server link stays #/server/<id>. */
export function serverViewQuery(view: ServerView): string | undefined {
  const q = new URLSearchParams();
  if (view.tab !== 'overview') q.set('tab', view.tab);
  if (view.range !== DEFAULT_HISTORY_RANGE) q.set('range', view.range);
  return q.toString() || undefined;
}

export const parseRange = (query: string | undefined): HistoryRange => pick(new URLSearchParams(query ?? '').get('range'), HISTORY_RANGES, DEFAULT_HISTORY_RANGE);

export const rangeQuery = (range: HistoryRange): string | undefined => (range === DEFAULT_HISTORY_RANGE ? undefined : `range=${range}`);
