import { useState } from 'react';

/**
 * The inbox's keyboard cursor, kept on an alert id so a new alert sorting in above it does not
 * move it to another alert; when its alert leaves the list the cursor stays at the same row.
 */
export function useInboxCursor<T extends { id: string }>(shown: readonly T[]) {
  const [at, setAt] = useState<{ id: string | null; index: number }>({ id: null, index: 0 });
  const found = at.id === null ? -1 : shown.findIndex((a) => a.id === at.id);
  const index = found !== -1 ? found : Math.max(0, Math.min(at.index, shown.length - 1));
  const moveTo = (i: number) => {
    const clamped = Math.max(0, Math.min(i, shown.length - 1));
    setAt({ id: shown[clamped]?.id ?? null, index: clamped });
  };
  return {
    index,
    focused: shown[index],
    moveTo,
    move: (delta: number) => moveTo(index + delta),
    focusId: (id: string) => setAt({ id, index: 0 }),
    reset: () => setAt({ id: null, index: 0 }),
  };
}
