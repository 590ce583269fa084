/** The Electron double's small system modules: ipcMain, shell, net, clipboard, dialog, screen. */
import { EventEmitter } from 'node:events';
import type { DisplayLike, Rect } from '../../../electron/main/electronApi';

type InvokeListener = (event: { senderFrame: { url: string } | null }, ...args: unknown[]) => Promise<unknown>;

export function ipcMainDouble() {
  const handles = new Map<string, InvokeListener>();
  return Object.assign(new EventEmitter(), {
    handles,
    handle: (ch: string, l: InvokeListener) => void handles.set(ch, l),
    removeHandler: (ch: string) => void handles.delete(ch),
    /** A renderer frame at `url` invokes (null: no frame). */
    invokeFrom: (url: string | null, ...args: unknown[]) => {
      const h = handles.get('dnsfleet:invoke');
      if (!h) throw new Error('no handler registered for dnsfleet:invoke');
      return h({ senderFrame: url === null ? null : { url } }, ...args);
    },
  });
}

export function shellDouble() {
  const shell = {
    opened: [] as string[],
    openedPaths: [] as string[],
    openExternal: (url: string) => (shell.opened.push(url), Promise.resolve()),
    openPath: (path: string) => (shell.openedPaths.push(path), Promise.resolve('')),
    /** Files shown in their folder (Finder, Explorer, the file manager). */
    shownItems: [] as string[],
    showItemInFolder: (path: string) => void shell.shownItems.push(path),
  };
  return shell;
}

export function dialogDouble() {
  const dialog = {
    shown: [] as unknown[],
    answer: 0,
    showMessageBox: (o: unknown) => (dialog.shown.push(o), Promise.resolve({ response: dialog.answer })),
    /** Save dialogs shown, and where the user "chooses" to save (null: cancel). */
    saveDialogs: [] as { title?: string; defaultPath?: string }[],
    saveAnswer: null as string | null,
    showSaveDialog: (o: { title?: string; defaultPath?: string }) => {
      dialog.saveDialogs.push(o);
      return Promise.resolve(dialog.saveAnswer === null ? { canceled: true, filePath: '' } : { canceled: false, filePath: dialog.saveAnswer });
    },
  };
  return dialog;
}

/** Monitors: tests plug and unplug them. The first is the primary. */
export function screenDouble() {
  const overlap = (r: Rect, d: DisplayLike) =>
    Math.max(0, Math.min(r.x + r.width, d.bounds.x + d.bounds.width) - Math.max(r.x, d.bounds.x)) *
    Math.max(0, Math.min(r.y + r.height, d.bounds.y + d.bounds.height) - Math.max(r.y, d.bounds.y));
  const screen = {
    displays: [{ bounds: { x: 0, y: 0, width: 1920, height: 1080 }, workArea: { x: 0, y: 0, width: 1920, height: 1040 } }] as DisplayLike[],
    getAllDisplays: () => screen.displays,
    getPrimaryDisplay: () => screen.displays[0]!,
    getDisplayMatching: (r: Rect) => [...screen.displays].sort((a, b) => overlap(r, b) - overlap(r, a))[0]!,
  };
  return screen;
}
