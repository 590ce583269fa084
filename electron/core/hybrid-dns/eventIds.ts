/**
 * Local event ids: sortable by creation time (base36 ms, fixed width) then by a per-process
 * counter, so ids created in the same millisecond keep arrival order.
 */
let counter = 0;
const PROCESS_TAG = Math.floor(Math.random() * 36 ** 4)
  .toString(36)
  .padStart(4, '0');

export function newEventId(nowMs: number): string {
  counter = (counter + 1) % 36 ** 6;
  return nowMs.toString(36).padStart(9, '0') + counter.toString(36).padStart(6, '0') + PROCESS_TAG;
}
