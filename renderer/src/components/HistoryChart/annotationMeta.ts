import type { AnnotationKind, ChartAnnotation, HistoryRange } from '../../../../shared/domain/history';

/** How each annotation kind is drawn and named; the word is always shown with the colour. */
export const ANNOTATION_META: Record<AnnotationKind, { word: string; color: string; mantine: string }> = {
  'bind-reload': { word: 'Reload', color: 'var(--mantine-color-violet-7)', mantine: 'violet' },
  'bind-restart': { word: 'Restart', color: 'var(--mantine-color-teal-8)', mantine: 'teal' },
  'bind-down': { word: 'BIND down', color: 'var(--mantine-color-red-8)', mantine: 'red' },
  'config-change': { word: 'Config', color: 'var(--mantine-color-orange-8)', mantine: 'orange' },
  'zone-change': { word: 'Zone', color: 'var(--mantine-color-cyan-8)', mantine: 'cyan' },
  maintenance: { word: 'Maintenance', color: 'var(--mantine-color-blue-7)', mantine: 'blue' },
  gap: { word: 'Not live', color: 'var(--mantine-color-red-7)', mantine: 'red' },
};

export const isSpan = (a: ChartAnnotation): boolean => a.kind === 'gap' || a.kind === 'maintenance';

/** Annotations touching [t, t + stepMs): what a tooltip at that point says happened. */
export function annotationsAt(all: readonly ChartAnnotation[], t: number, stepMs: number, windowEnd: number): ChartAnnotation[] {
  return all.filter((a) => (isSpan(a) ? a.atMs < t + stepMs && (a.untilMs ?? windowEnd) >= t : a.atMs >= t && a.atMs < t + stepMs));
}

const two = (n: number) => String(n).padStart(2, '0');
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Axis and list times in local time; a range over a day carries the date. */
export function formatTime(t: number, range: HistoryRange): string {
  const d = new Date(t);
  const hm = `${two(d.getHours())}:${two(d.getMinutes())}`;
  return range === '24h' || range === '7d' ? `${MONTHS[d.getMonth()]} ${two(d.getDate())} ${hm}` : hm;
}

export function formatSpan(a: ChartAnnotation, range: HistoryRange): string {
  if (!isSpan(a)) return formatTime(a.atMs, range);
  return `${formatTime(a.atMs, range)} – ${a.untilMs === null ? 'now' : formatTime(a.untilMs, range)}`;
}
