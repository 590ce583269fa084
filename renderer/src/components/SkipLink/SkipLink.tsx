import { useState } from 'react';

/**
 * The first stop of the Tab key: jumps past the header and navigation to the page. Not an
 * `href="#main"` link, which the hash router would read as a route; it moves focus itself.
 */
export function SkipLink({ targetId }: { targetId: string }) {
  const [focused, setFocused] = useState(false);
  return (
    <a
      href={`#${targetId}`}
      onFocus={() => setFocused(true)}
      onBlur={() => setFocused(false)}
      onClick={(e) => {
        e.preventDefault();
        document.getElementById(targetId)?.focus();
      }}
      style={
        focused
          ? { position: 'fixed', top: 6, left: 6, zIndex: 1000, padding: '8px 12px', background: 'var(--mantine-color-body)', color: 'var(--mantine-color-text)', border: '2px solid var(--mantine-color-blue-filled)', borderRadius: 4, fontSize: 14 }
          : { position: 'absolute', width: 1, height: 1, overflow: 'hidden', clip: 'rect(0 0 0 0)', whiteSpace: 'nowrap' }
      }
    >
      Skip to content
    </a>
  );
}
