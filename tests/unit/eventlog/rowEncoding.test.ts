import { describe, expect, it } from 'vitest';
import { KEY_SLOTS } from '../../../electron/core/eventlog/eventRows';
import { dedupHash } from '../../../electron/core/util/HashWindow';
import { forgetSecret, registerSecret } from '../../../electron/core/util/redact';
import { KeySlots } from '../../../electron/core/eventlog/KeySlots';
import { F, packEvents, packedCount, ROW_FIELDS } from '../../../electron/core/eventlog/packedRows';
import { sampleEvents } from '../../fixtures/eventlog/sampleEvents';

describe('dedupHash', () => {
  it('is stable, a safe integer, and tells 200,000 distinct keys apart', () => {
    expect(dedupHash('u:dns-01:6b0f8a0e')).toBe(dedupHash('u:dns-01:6b0f8a0e'));
    const seen = new Set<number>();
    for (let i = 0; i < 200_000; i++) {
      const h = dedupHash(`h:dns-${i % 50}:query_update:2025-06-01T10:00:00:${i}`);
      expect(Number.isSafeInteger(h) && h >= 0).toBe(true);
      seen.add(h);
    }
    expect(seen.size).toBe(200_000);
  });
});

describe('KeySlots', () => {
  /** A table of taken keys, and the query KeySlots runs against it (always one millisecond's range). */
  function table(initial: number[] = []) {
    const taken = new Set<number>();
    const maxInMs = new Map<number, number>();
    const add = (k: number) => {
      taken.add(k);
      const ms = Math.floor(k / KEY_SLOTS);
      maxInMs.set(ms, Math.max(maxInMs.get(ms) ?? -1, k));
    };
    initial.forEach(add);
    let asked = 0;
    const maxKeyIn = (from: number, to: number) => {
      asked++;
      expect(to - from).toBe(KEY_SLOTS);
      return maxInMs.get(from / KEY_SLOTS) ?? null;
    };
    return { taken, add, maxKeyIn, asked: () => asked };
  }

  it('hands out the slots of one millisecond in order and spills into the next when 1024 are taken', () => {
    const t = table();
    const slots = new KeySlots(null, t.maxKeyIn);
    const keys = Array.from({ length: KEY_SLOTS + 2 }, () => slots.take(5));
    expect(keys.slice(0, 3)).toEqual([5 * KEY_SLOTS, 5 * KEY_SLOTS + 1, 5 * KEY_SLOTS + 2]);
    expect(keys.slice(-2)).toEqual([6 * KEY_SLOTS, 6 * KEY_SLOTS + 1]);
    expect(slots.take(6)).toBe(6 * KEY_SLOTS + 2);
    expect(t.asked()).toBe(0);
  });

  it('asks the table only for milliseconds that existed before it started', () => {
    const t = table([10 * KEY_SLOTS, 10 * KEY_SLOTS + 1, 20 * KEY_SLOTS]);
    const slots = new KeySlots(20 * KEY_SLOTS, t.maxKeyIn);
    expect(slots.take(10)).toBe(10 * KEY_SLOTS + 2);
    expect(slots.take(20)).toBe(20 * KEY_SLOTS + 1);
    expect(t.asked()).toBe(2);
    expect(slots.take(21)).toBe(21 * KEY_SLOTS);
    expect(t.asked()).toBe(2);
  });

  it('asks the table for every key once another process has written to it', () => {
    const t = table();
    const slots = new KeySlots(null, t.maxKeyIn);
    t.add(slots.take(7));
    t.add(7 * KEY_SLOTS + 1); // the other process's row
    slots.distrust();
    expect(slots.take(7)).toBe(7 * KEY_SLOTS + 2);
    expect(slots.take(8)).toBe(8 * KEY_SLOTS);
    expect(t.asked()).toBe(2);
  });

  it('never hands out a taken key, also after forgetting old milliseconds to bound its memory', () => {
    const t = table();
    const slots = new KeySlots(null, t.maxKeyIn);
    // 120,000 events over 70,000 distinct milliseconds, late ones included: more than it remembers.
    const problems: string[] = [];
    for (let i = 0; i < 120_000; i++) {
      const ms = i % 7 === 0 ? (i * 31) % 70_000 : Math.floor(i / 2);
      const key = slots.take(ms);
      if (t.taken.has(key)) problems.push(`key ${key} handed out twice`);
      if (Math.floor(key / KEY_SLOTS) < ms) problems.push(`key ${key} is before its millisecond ${ms}`);
      t.add(key);
    }
    expect(problems.slice(0, 5)).toEqual([]);
    expect(t.asked()).toBeGreaterThan(0);
  });
});

describe('packed rows', () => {
  it('carry every field a row needs, data as JSON', () => {
    const events = sampleEvents(3);
    const rows = packEvents(events);
    expect(rows).toHaveLength(3 * ROW_FIELDS);
    expect(packedCount(rows)).toBe(3);
    const o = 2 * ROW_FIELDS;
    expect(rows[o + F.id]).toBe(events[2]!.id);
    expect(rows[o + F.dedupKey]).toBe(events[2]!.dedupKey);
    expect(JSON.parse(rows[o + F.data] as string)).toEqual(events[2]!.data);
    expect(rows[o + F.derived]).toBe(events[2]!.derived ? 1 : 0);
    expect(rows[o + F.occurredMs]).toBe(Date.parse(events[2]!.occurredAt));
    expect(rows[o + F.receivedMs]).toBe(Date.parse(events[2]!.receivedAt));
    expect(rows[o + F.dedupHash]).toBe(dedupHash(events[2]!.dedupKey));
  });

  it('are masked, capped and timed on the way in: nothing unmasked crosses to the writer thread', () => {
    const secret = 'hunter2-packed-rows';
    registerSecret(secret);
    try {
      const [e] = sampleEvents(1);
      const rows = packEvents([
        {
          ...e!,
          occurredAt: 'not a time',
          receivedAt: '2025-02-03T04:05:06.789Z',
          title: `login with ${secret}`,
          summary: 'GET /ws?token=abc.def.ghi',
          data: { note: secret, blob: 'x'.repeat(70 * 1024) },
        },
      ]);
      expect(rows[F.occurredMs]).toBe(Date.parse('2025-02-03T04:05:06.789Z'));
      expect(rows[F.title]).toBe('login with [REDACTED]');
      expect(rows[F.summary]).toBe('GET /ws?token=[REDACTED]');
      const data = rows[F.data] as string;
      expect(data.includes(secret)).toBe(false);
      expect(JSON.parse(data)).toMatchObject({ truncated: true });
    } finally {
      forgetSecret(secret);
    }
  });
});
