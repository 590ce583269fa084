import { useDebouncedValue } from '@mantine/hooks';
import { useEffect, useRef, useState } from 'react';

/**
 * A text field whose value lives in the URL: it types locally (no navigation per keystroke) and
 * reaches the URL debounced; a URL change (back/forward, a link) brings its text back.
 */
export function useUrlText(fromUrl: string, commit: (text: string) => void, debounceMs: number): [string, (t: string) => void] {
  const [typed, setTyped] = useState(fromUrl);
  const [seenUrl, setSeenUrl] = useState(fromUrl);
  if (fromUrl !== seenUrl) {
    setSeenUrl(fromUrl);
    setTyped(fromUrl);
  }
  const [debounced] = useDebouncedValue(typed, debounceMs);
  const latest = useRef({ fromUrl, commit });
  useEffect(() => {
    latest.current = { fromUrl, commit };
  });
  useEffect(() => {
    if (debounced !== latest.current.fromUrl) latest.current.commit(debounced);
  }, [debounced]);
  return [typed, setTyped];
}
