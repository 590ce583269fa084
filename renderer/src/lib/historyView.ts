/**
 * The chart views' state in the URL: the server page's tab and range (#/server/x?tab=charts&range=24h)
 * and the dashboard's range (#/dashboard?range=7d). Unknown values fall back to the defaults, so a
 * shared link never breaks the page.
 */
import { DEFAULT_HISTORY_RANGE, HISTORY_RANGES, type HistoryRange } from '../../../shared/domain/history';

/**
 * The server page's tab is any tab id the page has ("overview", "charts", ...): kept as a slug, so a
 * tab added to the page needs nothing here. A link to a tab the page lacks selects no tab.
 */
export type ServerTab = string;
const TAB_ID = /^[a-z][a-z0-9-]{0,30}$/;

export interface ServerView {
  tab: ServerTab;
  range: HistoryRange;
}

const pick = <T extends string>(value: string | null, allowed: readonly T[], fallback: T): T => (allowed.find((a) => a === value) ?? fallback);

export function parseServerView(query: string | undefined): ServerView {
  const q = new URLSearchParams(query ?? '');
  const tab = q.get('tab') ?? '';
  return { tab: TAB_ID.test(tab) ? tab : 'overview', range: pick(q.get('range'), HISTORY_RANGES, DEFAULT_HISTORY_RANGE) };
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
