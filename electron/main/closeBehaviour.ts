/**
 * What the window's close button does. Closing to the tray is only honest where a tray icon can be
 * seen: Windows and macOS always have one, stock GNOME has no tray host, and a window hidden there
 * vanishes until the next launch. Without a tray host the window minimises instead.
 */
export type CloseAction = 'hide-to-tray' | 'minimize';

export function closeAction(o: { platform: NodeJS.Platform; closeToTray: boolean; trayHostAnswers: boolean }): CloseAction {
  if (!o.closeToTray) return 'minimize';
  if (o.platform === 'win32' || o.platform === 'darwin') return 'hide-to-tray';
  return o.trayHostAnswers ? 'hide-to-tray' : 'minimize';
}
