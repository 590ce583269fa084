// event_filters.py::DataSensitivityFilter for non-admin recipients (§5.5, Q17, vector U7).
import { PyFloat } from './frames';

const STRIP_FOR: ReadonlySet<string> = new Set(['security_alert', 'threat_detected', 'rpz_update']);
const STRIP_KEYS: ReadonlySet<string> = new Set([
  'internal_ip',
  'source_ip',
  'user_agent',
  'session_id',
  'api_key',
  'token',
  'password',
  'secret',
  'private_key',
]);
const SENSITIVE_KEY = /password|secret|key|token/i;
const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;
const IPV4 = /\b(?:\d{1,3}\.){3}\d{1,3}\b/g;
const SSN = /\b\d{3}-\d{2}-\d{4}\b/g;
const CARD = /\b\d{4}[ -]?\d{4}[ -]?\d{4}[ -]?\d{4}\b/g;

function maskString(s: string): string {
  return s.replace(EMAIL, '[EMAIL]').replace(CARD, '[CARD]').replace(SSN, '[SSN]').replace(IPV4, '[IP]');
}

function walk(v: unknown, strip: boolean): unknown {
  if (typeof v === 'string') return maskString(v);
  if (v === null || typeof v !== 'object' || v instanceof PyFloat) return v;
  if (Array.isArray(v)) return v.map((x) => walk(x, strip));
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
    if (strip && STRIP_KEYS.has(k)) continue;
    out[k] = SENSITIVE_KEY.test(k) ? '[FILTERED]' : walk(x, strip);
  }
  return out;
}

/** The data a non-admin receives for an event of this type. */
export function maskForNonAdmin(eventType: string, data: unknown): unknown {
  return walk(data, STRIP_FOR.has(eventType));
}
