/**
 * The Settings page's "DNS probes" and "Query analytics" sections as data: each field's words and
 * unit here; bounds and defaults from the core's schema (shared/domain/monitoringSettings.ts), so the
 * form refuses exactly what the core would. Pure, unit-tested without a browser.
 */
import { analyticsBounds, MonitoringSettingsSchema, numberProblem, probeBounds, type MonitoringSettings, type NumberBounds } from '../../../shared/domain/monitoringSettings';

export type Section = keyof MonitoringSettings;

interface Base {
  key: string;
  label: string;
  description: string;
}
export type MonitoringField =
  | (Base & { kind: 'switch' })
  | (Base & { kind: 'text'; maxLength: number; required: boolean })
  | (Base & { kind: 'number'; unit: string; bounds: NumberBounds });

const probeNumber = (key: Parameters<typeof probeBounds>[0], label: string, unit: string, description: string): MonitoringField => ({ kind: 'number', key, label, unit, description, bounds: probeBounds(key) });
const analyticsNumber = (key: Parameters<typeof analyticsBounds>[0], label: string, unit: string, description: string): MonitoringField => ({ kind: 'number', key, label, unit, description, bounds: analyticsBounds(key) });
const probeText = (key: 'publicName' | 'internalName' | 'blockedName', label: string, description: string): MonitoringField => {
  const schema = MonitoringSettingsSchema.shape.probes.shape[key].unwrap();
  return { kind: 'text', key, label, description, maxLength: schema.maxLength ?? 253, required: (schema.minLength ?? 0) > 0 };
};

export const MONITORING_FIELDS: Record<Section, readonly MonitoringField[]> = {
  probes: [
    { kind: 'switch', key: 'enabled', label: "Probe each server's DNS", description: 'Ask each server\'s DNS port directly, besides what its API reports.' },
    probeNumber('intervalSeconds', 'Probe every', 'seconds', 'One set of probes per server this often (give or take 10 %). A change applies from the next probe.'),
    probeNumber('timeoutMs', 'Wait for an answer up to', 'milliseconds', 'A question not answered in this time is a failed probe.'),
    probeNumber('maxConcurrent', 'Questions at once across the fleet', 'questions', 'More wait their turn, so a large fleet does not flood the network.'),
    probeText('publicName', 'Public name to resolve', 'A name every server should resolve through its public forwarder.'),
    probeText('internalName', 'Internal name to resolve', 'A name behind an internal forwarder. Leave empty if there is none: the internal probe then says it is not configured.'),
    probeText('blockedName', 'Name the blocklist should block', 'The server should answer it as blocked (NXDOMAIN, no data or the configured redirect).'),
    probeNumber('driftGraceSeconds', 'A secondary may lag a zone for', 'seconds', "How long a server may serve an older serial of a zone than another server before it is an incident."),
  ],
  analytics: [
    analyticsNumber('qpsBandPercent', 'Unusual query rate band', 'percent', 'A rate this far off what is usual for the hour of the week is unusual (40 % means below 60 % or above 167 %).'),
    analyticsNumber('qpsMinDurationMinutes', 'Unusual for at least', 'minutes', 'A rate outside the band for this long raises an alert.'),
    analyticsNumber('qpsMinQps', 'Ignore servers below', 'queries per second', 'A server this quiet, both usually and now, is not judged.'),
    analyticsNumber('qpsWarmupHours', 'Learn for', 'hours', 'The baseline says "learning" and raises nothing until it has seen this much.'),
  ],
};

/** What the form holds while editing: numbers as typed (a NumberInput gives '' or text for what it cannot read). */
export type Draft = Record<string, string | number | boolean>;

export const toDraft = (values: MonitoringSettings[Section]): Draft => ({ ...values });

function asNumber(v: string | number | boolean | undefined): number | null {
  if (typeof v === 'number') return v;
  if (typeof v !== 'string' || v.trim() === '') return null;
  const n = Number(v);
  return Number.isFinite(n) ? n : null;
}

/** Each field's problem in words, by key; empty when the draft can be saved. */
export function draftProblems(section: Section, draft: Draft): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of MONITORING_FIELDS[section]) {
    const v = Object.hasOwn(draft, f.key) ? draft[f.key] : undefined;
    let problem: string | null = null;
    if (f.kind === 'number') problem = numberProblem(asNumber(v), f.bounds, f.unit);
    if (f.kind === 'text' && typeof v === 'string') {
      if (f.required && v.trim() === '') problem = 'Enter a name';
      else if (v.length > f.maxLength) problem = `At most ${f.maxLength} characters`;
    }
    if (problem) out[f.key] = problem;
  }
  return out;
}

/** The section as the core takes it, or null while any field has a problem (the schema has the last word). */
export function draftValues<S extends Section>(section: S, draft: Draft): MonitoringSettings[S] | null {
  if (Object.keys(draftProblems(section, draft)).length > 0) return null;
  const values: Record<string, unknown> = {};
  for (const f of MONITORING_FIELDS[section]) values[f.key] = f.kind === 'number' ? asNumber(draft[f.key]) : draft[f.key];
  const parsed = MonitoringSettingsSchema.shape[section].safeParse(values);
  return parsed.success ? (parsed.data as MonitoringSettings[S]) : null;
}
