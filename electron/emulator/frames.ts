// Frame builders that reproduce the server's bytes exactly (§3.1, §9): Python json.dumps with the
// default separators ", " / ": ", ASCII escaping, key order as built in code, and naive UTC
// timestamps from datetime.utcnow().isoformat() (microseconds, fraction dropped when it is 0).
import { randomUUID } from 'node:crypto';

/** A float that must print as a Python float even when integral (0.0, 42.0). */
export class PyFloat {
  constructor(readonly value: number) {}
}
export const pyFloat = (v: number): PyFloat => new PyFloat(v);

/** Python float repr: shortest round-trip digits, exponent outside [1e-4, 1e16), ".0" if integral. */
export function pyFloatRepr(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (!Number.isFinite(v)) return v > 0 ? 'Infinity' : '-Infinity';
  const abs = Math.abs(v);
  if (abs !== 0 && (abs < 1e-4 || abs >= 1e16)) {
    // JS "1.5e-5" -> Python "1.5e-05"
    return v.toExponential().replace(/e([+-])(\d)$/, 'e$10$2');
  }
  const s = String(v);
  return Number.isInteger(v) ? `${s}.0` : s;
}

const SAFE_ASCII = /^[\x20-\x21\x23-\x5b\x5d-\x7e]*$/;

/** json.dumps string escaping with ensure_ascii=True (lowercase \uXXXX, surrogate pairs as-is). */
export function pyString(s: string, ensureAscii = true): string {
  if (SAFE_ASCII.test(s)) return `"${s}"`;
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const ch = s[i] as string;
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (c === 0x08) out += '\\b';
    else if (c === 0x0c) out += '\\f';
    else if (c < 0x20 || (ensureAscii && c > 0x7e)) out += `\\u${c.toString(16).padStart(4, '0')}`;
    else out += ch;
  }
  return `${out}"`;
}

export interface DumpStyle {
  item: string;
  key: string;
  ensureAscii: boolean;
}
/** What the WebSocket code emits (json.dumps defaults). */
export const WS_STYLE: DumpStyle = { item: ', ', key: ': ', ensureAscii: true };
/** What Starlette's JSONResponse emits for REST bodies (separators (",", ":"), ensure_ascii=False). */
export const REST_STYLE: DumpStyle = { item: ',', key: ':', ensureAscii: false };

/** Serialise like Python json.dumps. Integral JS numbers print as ints; wrap floats in PyFloat. */
export function pyDumps(value: unknown, style: DumpStyle = WS_STYLE): string {
  if (value === null || value === undefined) return 'null';
  switch (typeof value) {
    case 'string':
      return pyString(value, style.ensureAscii);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      return Number.isInteger(value) ? String(value) : pyFloatRepr(value);
    case 'bigint':
      return value.toString();
    case 'object':
      break;
    default:
      return 'null';
  }
  if (value instanceof PyFloat) return pyFloatRepr(value.value);
  if (Array.isArray(value)) return `[${value.map((v) => pyDumps(v, style)).join(style.item)}]`;
  const parts: string[] = [];
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    if (v === undefined) continue;
    parts.push(`${pyString(k, style.ensureAscii)}${style.key}${pyDumps(v, style)}`);
  }
  return `{${parts.join(style.item)}}`;
}

/** datetime.utcnow().isoformat() for an epoch-ms instant (fractional ms carry microseconds). */
export function isoUtc(ms: number): string {
  const totalUs = Math.round(ms * 1000);
  const sec = Math.floor(totalUs / 1e6);
  const us = totalUs - sec * 1e6;
  const base = new Date(sec * 1000).toISOString().slice(0, 19);
  return us === 0 ? base : `${base}.${String(us).padStart(6, '0')}`;
}

/** datetime.now().isoformat() in server local time (BIND log time, Q18), millisecond precision. */
export function isoLocal(ms: number): string {
  const d = new Date(Math.floor(ms));
  const p = (n: number, w = 2): string => String(n).padStart(w, '0');
  const base = `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
  const msPart = d.getMilliseconds();
  return msPart === 0 ? base : `${base}.${p(msPart, 3)}000`;
}

// ---- envelopes (§3.1) ----

/** Legacy message and unified control/reply: keys type, data, timestamp. */
export function controlFrame(type: string, data: unknown, nowMs: number): string {
  return pyDumps({ type, data, timestamp: isoUtc(nowMs) });
}

/** Legacy idle ping L7: only type and timestamp. */
export function legacyIdlePing(nowMs: number): string {
  return pyDumps({ type: 'ping', timestamp: isoUtc(nowMs) });
}

/** Unified event envelope: id, type, data, timestamp, priority, metadata (U5–U8). */
export function eventFrame(type: string, data: unknown, nowMs: number, priority: string = 'normal', id: string = randomUUID()): string {
  return pyDumps({ id, type, data, timestamp: isoUtc(nowMs), priority, metadata: {} });
}

/** Unified endpoint error (U10): message, error_code, timestamp, recoverable. */
export function endpointErrorFrame(message: string, code: string, recoverable: boolean, nowMs: number): string {
  return controlFrame('error', { message, error_code: code, timestamp: isoUtc(nowMs), recoverable }, nowMs);
}

/** Approximation of Python's json.loads error text for U10 ("Expecting value: line 1 column 1 (char 0)"). */
export function pythonJsonError(text: string, err: unknown): string {
  const m = /position (\d+)/.exec(err instanceof Error ? err.message : '');
  const pos = m ? Number(m[1]) : text.trimEnd().length === 0 ? text.length : 0;
  const before = text.slice(0, pos);
  const line = before.split('\n').length;
  const col = pos - (before.lastIndexOf('\n') + 1) + 1;
  return `Expecting value: line ${line} column ${col} (char ${pos})`;
}

/** Python type name of a parsed JSON value, for "'list' object has no attribute 'get'". */
export function pyTypeName(v: unknown): string {
  if (v === null) return 'NoneType';
  if (Array.isArray(v)) return 'list';
  if (typeof v === 'string') return 'str';
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'number') return Number.isInteger(v) ? 'int' : 'float';
  return 'dict';
}
