/**
 * Field terms of the search language (see searchQuery.ts): `server:`, `type:`, `client:`,
 * `domain:` (`domain:*part*`: the domain contains the text), `blocked:yes|no` (a query sample's
 * stored flag) and `severity>=warning`. They become SQL conditions (filterSql.ts) on columns or on
 * the stored JSON of `data`, never FTS5 syntax; values are checked against a strict character set
 * so what reaches a LIKE or GLOB pattern is exactly what the operator typed.
 */
import { SEVERITIES, type Severity } from '../../../shared/domain/fleetEvent';
import { EventQueryError } from './searchErrors';

export type ValueField = 'server' | 'type' | 'client' | 'domain';
export type SeverityOp = '>=' | '<=' | '>' | '<' | '=';

export type FieldTerm =
  | { field: ValueField; value: string; prefix: boolean; negated: boolean; contains?: boolean }
  | { field: 'severity'; op: SeverityOp; level: Severity; negated: boolean }
  | { field: 'blocked'; blocked: boolean; negated: boolean };

const VALUE = /^(server|type|client|domain):(.*)$/i;
const SEVERITY = /^severity(>=|<=|>|<|:|=)(.*)$/i;
const BLOCKED = /^blocked:(.*)$/i;
/** A Map, not an object: the value is typed by the operator (`blocked:__proto__` must not find anything). */
const BLOCKED_VALUES: ReadonlyMap<string, boolean> = new Map([
  ['yes', true],
  ['true', true],
  ['no', false],
  ['false', false],
]);
/** Server ids, event types, IPv4/IPv6 addresses and domain names: nothing else needs more. */
const SAFE_VALUE = /^[\p{L}\p{N}._:@-]+$/u;

/** A field term for `word`, null when the word is not one (it is then searched as text). */
export function parseFieldTerm(word: string, negated: boolean): FieldTerm | null {
  const sev = SEVERITY.exec(word);
  if (sev) return { field: 'severity', op: sev[1] === ':' ? '=' : (sev[1] as SeverityOp), level: severityLevel(sev[2]!), negated };
  const blocked = BLOCKED.exec(word);
  if (blocked) return { field: 'blocked', blocked: blockedValue(blocked[1]!), negated };
  const m = VALUE.exec(word);
  if (m) return valueTerm(m[1]!.toLowerCase() as ValueField, m[2]!, negated);
  // A snake_case word (bind_down, forwarder_status*) names an event type: the full-text index
  // splits it at the underscores and would look for the parts as words.
  if (/^[a-z0-9]+(_[a-z0-9]+)+_?\*?$/i.test(word)) return valueTerm('type', word, negated);
  return null;
}

function valueTerm(field: ValueField, raw: string, negated: boolean): FieldTerm {
  // `domain:*track*`: the live query tail's "domain contains" filter, over history.
  const contains = field === 'domain' && raw.length > 2 && raw.startsWith('*') && raw.endsWith('*');
  if (contains) raw = raw.slice(1, -1);
  const prefix = !contains && raw.length > 1 && raw.endsWith('*');
  const value = prefix ? raw.slice(0, -1) : raw;
  if (value === '') throw new EventQueryError(`"${field}:" needs a value, e.g. ${field}:${EXAMPLES[field]}`);
  if (!SAFE_VALUE.test(value)) throw new EventQueryError(`"${field}:" takes letters, digits and . _ : @ - only (got ${JSON.stringify(value.slice(0, 40))})`);
  return { field, value: field === 'type' ? value.toLowerCase() : value, prefix, negated, ...(contains ? { contains } : {}) };
}

const EXAMPLES: Record<ValueField, string> = { server: 'dns-hq-1', type: 'bind_down', client: '10.0.4.17', domain: 'example.com' };

function blockedValue(raw: string): boolean {
  const value = BLOCKED_VALUES.get(raw.toLowerCase());
  if (value === undefined) throw new EventQueryError(`"blocked:" takes yes or no, e.g. blocked:yes (got ${JSON.stringify(raw.slice(0, 40))})`);
  return value;
}

function severityLevel(raw: string): Severity {
  const level = raw.toLowerCase();
  const known = SEVERITIES.find((s) => s === level);
  if (!known) throw new EventQueryError(`"severity" takes one of ${SEVERITIES.join(', ')} (got ${JSON.stringify(raw.slice(0, 40))})`);
  return known;
}
