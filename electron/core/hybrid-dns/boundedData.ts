/**
 * An event's `data` is the server's JSON, kept as data. A hostile server can nest it 10,000 levels
 * deep: JSON.parse accepts that, but every later recursive step (the push to the page, redaction,
 * export) overflows the stack, so the event was stored and never shown live. Parts below
 * MAX_DATA_DEPTH are replaced by a marker; a payload within the bound is returned as it is.
 */
export const MAX_DATA_DEPTH = 32;
export const TOO_DEEP = '[nested too deep]';

export function boundData(value: unknown, maxDepth = MAX_DATA_DEPTH): unknown {
  return withinDepth(value, maxDepth) ? value : cut(value, maxDepth);
}

/** True when no path is deeper than `left` containers; recursion never goes past the bound. */
function withinDepth(value: unknown, left: number): boolean {
  if (typeof value !== 'object' || value === null) return true;
  if (left === 0) return false;
  const children = Array.isArray(value) ? value : Object.values(value);
  for (const child of children) if (!withinDepth(child, left - 1)) return false;
  return true;
}

function cut(value: unknown, left: number): unknown {
  if (typeof value !== 'object' || value === null) return value;
  if (left === 0) return TOO_DEEP;
  if (Array.isArray(value)) return value.map((v) => cut(v, left - 1));
  // fromEntries defines own properties: a `__proto__` key stays a key, never a prototype.
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, cut(v, left - 1)]));
}
