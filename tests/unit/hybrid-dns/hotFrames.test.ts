import { describe, expect, it } from 'vitest';
import { EnvelopeSchema, NestedSubtypeSchema, QueryUpdateSchema } from '../../../electron/core/hybrid-dns/wire/frames';
import { parseEnvelope, parseNestedSubtype, parseQueryUpdate } from '../../../electron/core/hybrid-dns/wire/hotFrames';
import { VECTORS } from '../../support/vectors';

/** Values a hostile or broken server could put in any field. */
const ODD: unknown[] = [undefined, null, '', 'x', 'y'.repeat(41), 'z'.repeat(101), 'w'.repeat(301), 0, -1, 1.5, Number.MAX_VALUE, true, false, [], {}, ['a'], { a: 1 }];

/** Every vector's envelope and payloads, then each with one field replaced by each odd value. */
function variants(base: Record<string, unknown>[], fields: string[]): Record<string, unknown>[] {
  const out = [...base];
  for (const b of base) for (const f of fields) for (const v of ODD) out.push(v === undefined ? omit(b, f) : { ...b, [f]: v });
  return out;
}
const omit = (o: Record<string, unknown>, f: string): Record<string, unknown> => Object.fromEntries(Object.entries(o).filter(([k]) => k !== f));
const zodData = <T,>(r: { success: true; data: T } | { success: false }): T | null => (r.success ? r.data : null);

const envelopes = VECTORS.map((v) => JSON.parse(v.frame) as Record<string, unknown>).filter((v) => typeof v === 'object' && v !== null && !Array.isArray(v));
const nested = envelopes.map((e) => e.data).filter((d): d is Record<string, unknown> => typeof d === 'object' && d !== null && 'type' in d);
const queries = nested.filter((n) => n.type === 'query_update').map((n) => n.data as Record<string, unknown>);

describe('storm frame checks', () => {
  it('the vectors include the frames the checks are for', () => {
    expect(envelopes.length).toBeGreaterThan(10);
    expect(queries.length).toBeGreaterThan(0);
    expect(nested.length).toBeGreaterThan(1);
  });

  it('accept and reject envelopes exactly as EnvelopeSchema does, with the same result', () => {
    const all = variants(envelopes, ['type', 'timestamp', 'id', 'priority', 'severity', 'event_id', 'data']);
    let accepted = 0;
    for (const e of all) {
      const got = parseEnvelope(e);
      expect(got, JSON.stringify(e)).toEqual(zodData(EnvelopeSchema.safeParse(e)));
      if (got) accepted++;
    }
    // Both paths are exercised: most variants pass, the odd ones fail.
    expect(accepted).toBeGreaterThan(envelopes.length);
    expect(accepted).toBeLessThan(all.length);
  });

  it('read the nested system_status subtype as NestedSubtypeSchema does', () => {
    for (const n of variants(nested, ['type', 'data'])) expect(parseNestedSubtype(n), JSON.stringify(n)).toEqual(zodData(NestedSubtypeSchema.safeParse(n)));
    for (const v of ODD) expect(parseNestedSubtype(v)).toEqual(zodData(NestedSubtypeSchema.safeParse(v)));
  });

  it('read query_update payloads as QueryUpdateSchema does, .catch defaults included', () => {
    const fields = ['timestamp', 'client_ip', 'query_domain', 'query_type', 'blocked', 'total_queries_today', 'blocked_queries_today', 'current_qps'];
    const all = variants(queries, fields);
    for (const q of all) expect(parseQueryUpdate(q), JSON.stringify(q)).toEqual(zodData(QueryUpdateSchema.safeParse(q)));
    // A missing client_ip is filled in by the schema, not refused.
    expect(parseQueryUpdate(omit(queries[0]!, 'client_ip'))?.client_ip).toBe('');
  });
});
