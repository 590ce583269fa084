import { describe, expect, it } from 'vitest';
import { isoToMs, msToIso, naiveUtcToMs } from '../../../electron/core/util/isoTime';

/** Spread instants over 1900-2200, with every millisecond digit pattern, plus the edges of the fast range. */
function instants(): number[] {
  const out: number[] = [];
  for (let i = 0; i < 20_000; i++) out.push(Math.floor(((i * 7919) % 20_000) * 4.7e8 - 2.2e12 + i * 37));
  out.push(0, -1, 1, 951_782_400_000 /* 2000-02-29 */, 4_107_542_400_000 /* 2100-03-01 */, -62_135_596_800_000, 253_402_300_799_999);
  return out;
}

describe('msToIso', () => {
  it('gives the string toISOString gives, across centuries and leap days', () => {
    for (const t of instants()) expect(msToIso(t), String(t)).toBe(new Date(t).toISOString());
  });

  it('hands years outside 0001-9999 and fractional ms to Date, and throws as it does for NaN', () => {
    for (const t of [-62_135_596_800_001, 253_402_300_800_000, 8.64e15, 1.5, -0.5]) expect(msToIso(t)).toBe(new Date(t).toISOString());
    expect(() => msToIso(Number.NaN)).toThrow(RangeError);
  });
});

describe('isoToMs', () => {
  it('refuses a day or time that is not on the calendar, where Date.parse rolls it over', () => {
    // Date.parse gives 2025-03-02 for the first: an event "on February 30th" must not land in March.
    for (const s of ['2025-02-30T10:00:00.000Z', '2025-02-30', '2025-02-29T00:00:00Z', '2100-02-29T00:00:00.000Z', '2025-04-31T00:00:00+02:00', '2025-06-01T24:00:00.000Z', '2025-06-01T23:60:00Z'])
      expect(isoToMs(s), s).toBeNaN();
    expect(isoToMs('2024-02-29T23:59:59.999Z')).toBe(Date.UTC(2024, 1, 29, 23, 59, 59, 999));
    expect(isoToMs('2000-02-29')).toBe(Date.UTC(2000, 1, 29));
  });

  it('reads the same instant as Date.parse, including the odd inputs Date.parse accepts', () => {
    const odd = [
      '2024-02-29T23:59:59.999Z',
      '2025-13-01T00:00:00.000Z',
      '0050-06-01T10:00:00.000Z',
      '2025/06/01T10:00:00.000Z',
      '2025-06-01T10:00:00.0x0Z',
      '2025-06-01T10:00:00Z',
      '2025-06-01 10:00:00',
      'garbage',
      '',
    ];
    for (const s of odd) expect(Object.is(isoToMs(s), Date.parse(s)), s).toBe(true);
    for (const t of instants()) expect(isoToMs(new Date(t).toISOString())).toBe(t);
  });
});

describe('naiveUtcToMs', () => {
  it('reads what datetime.utcnow().isoformat() writes as UTC, to the millisecond', () => {
    expect(naiveUtcToMs('2025-08-29T09:15:02.482010')).toBe(Date.UTC(2025, 7, 29, 9, 15, 2, 482));
    expect(naiveUtcToMs('2025-08-29T09:15:02.4829')).toBe(Date.UTC(2025, 7, 29, 9, 15, 2, 482));
    expect(naiveUtcToMs('2025-08-29T09:15:02.48')).toBe(Date.UTC(2025, 7, 29, 9, 15, 2, 480));
    expect(naiveUtcToMs('2025-08-29T09:15:02.4')).toBe(Date.UTC(2025, 7, 29, 9, 15, 2, 400));
    expect(naiveUtcToMs('2025-08-29T09:15:02')).toBe(Date.UTC(2025, 7, 29, 9, 15, 2));
    for (const t of instants()) {
      const iso = new Date(t).toISOString();
      if (t >= Date.UTC(100, 0, 1)) expect(naiveUtcToMs(iso.slice(0, 23) + '123')).toBe(t);
    }
  });

  it('refuses anything else, so the caller falls back to the general parser', () => {
    for (const s of ['2025-08-29T09:15:02Z', '2025-08-29T09:15:02.', '2025-08-29T09:15:02.1234567890', '2025-08-29 09:15:02', '2025-02-30T00:00:00', '2025-08-29T24:00:00', '0050-01-01T00:00:00', '2025-08-29T09:15:0x', '2025-08-29T09:15:02+01:00'])
      expect(naiveUtcToMs(s), s).toBeNull();
  });
});
