import { useEffect } from 'react';

/** Where typing is already going somewhere: `/` is then a character, not a shortcut. */
function typingTarget(t: EventTarget | null): boolean {
  if (!(t instanceof HTMLElement)) return false;
  return t.isContentEditable || t.tagName === 'INPUT' || t.tagName === 'TEXTAREA' || t.tagName === 'SELECT';
}

/**
 * `/` focuses the page's search field (the events search, the fleet filter): each page marks its
 * field with `data-page-search`. Ignored while typing in a field or with a modifier held.
 */
export function useSlashSearch(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== '/' || e.ctrlKey || e.metaKey || e.altKey || typingTarget(e.target)) return;
      const field = document.querySelector<HTMLInputElement>('input[data-page-search]');
      if (!field) return;
      e.preventDefault();
      field.focus();
      field.select();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
