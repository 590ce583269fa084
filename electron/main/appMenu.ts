/**
 * The application menu: the platform's usual roles and shortcuts (Edit for copy and paste in
 * forms, View for zoom, Window), developer tools only in an unpackaged app, and Help with
 * "Open logs folder", "Copy diagnostics" and "Save diagnostics bundle…".
 */
import type { MenuItemConstructorOptions } from 'electron';

export interface AppMenuActions {
  openLogsFolder(): void;
  copyDiagnostics(): void;
  saveDiagnosticsBundle(): void;
}

export function applicationMenuTemplate(o: { platform: NodeJS.Platform; isPackaged: boolean; actions: AppMenuActions }): MenuItemConstructorOptions[] {
  const view: MenuItemConstructorOptions[] = [
    ...(o.isPackaged ? [] : ([{ role: 'reload' }, { role: 'toggleDevTools' }, { type: 'separator' }] as MenuItemConstructorOptions[])),
    { role: 'resetZoom' },
    { role: 'zoomIn' },
    { role: 'zoomOut' },
    { type: 'separator' },
    { role: 'togglefullscreen' },
  ];
  return [
    ...(o.platform === 'darwin' ? [{ role: 'appMenu' } as MenuItemConstructorOptions] : []),
    { role: 'fileMenu' },
    { role: 'editMenu' },
    { label: 'View', submenu: view },
    { role: 'windowMenu' },
    {
      role: 'help',
      submenu: [
        { label: 'Open logs folder', click: () => o.actions.openLogsFolder() },
        { label: 'Copy diagnostics', click: () => o.actions.copyDiagnostics() },
        { label: 'Save diagnostics bundle…', click: () => o.actions.saveDiagnosticsBundle() },
      ],
    },
  ];
}
