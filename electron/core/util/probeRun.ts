/**
 * Linear-probing tables of non-zero keys in a Float64Array (0 = empty), shared by HashWindow and
 * KeySlots' table of milliseconds. Plain data in, no callbacks: these run once per event on the
 * storm's hot paths, and a callback per probe step made an admission half again as slow.
 */

/**
 * A key's home slot. `shift` 0: the key's low bits (for keys that are already hashes); otherwise
 * Fibonacci hashing, the product's high 32 - shift bits, which every bit of the key stirs (for
 * keys such as milliseconds a fixed step apart, which share their low bits).
 */
export function probeHome(key: number, mask: number, shift: number): number {
  return shift === 0 ? (key >>> 0) & mask : Math.imul((key % 4294967296) ^ (key / 4294967296), 2654435761) >>> shift;
}

/**
 * Empties slot `hole` by backward shift: the members after it in its probe run move back where
 * their home allows, so lookups never need tombstones. `values`, if given, sits beside the keys
 * slot for slot and moves with them.
 */
export function deleteFromProbeRun(slots: Float64Array, hole: number, mask: number, shift: number, values?: Float64Array): void {
  let i = hole;
  let j = i;
  for (;;) {
    j = (j + 1) & mask;
    const v = slots[j]!;
    if (v === 0) break;
    const h = probeHome(v, mask, shift);
    // v may move into the hole at i unless its home lies cyclically in (i, j].
    if (i <= j ? h <= i || h > j : h <= i && h > j) {
      slots[i] = v;
      if (values) values[i] = values[j]!;
      i = j;
    }
  }
  slots[i] = 0;
}
