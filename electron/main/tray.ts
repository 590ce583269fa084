/** The tray icon: the fleet's worst level as icon (distinct shapes), tooltip, and a per-server menu. */
import type { MenuItemConstructorOptions } from 'electron';
import { join } from 'node:path';
import type { TrayPresenter } from '../core/platform';
import type { MenuApi, NativeImageApi, NativeImageLike, TrayApi, TrayLike } from './electronApi';
import { STARTING_TOOLTIP, TRAY_LEVELS, trayIconFile, trayLevel, trayMenuModel, trayTooltip, type TrayLevel, type TraySummary } from './trayModel';

/** What the menu can ask of the app; wired by the composition to the window and the core. */
export interface TrayActions {
  open(): void;
  openServer(serverId: string): void;
  acknowledgeAll(): void;
  snoozeAll(minutes: number): void;
  maintenance(serverId: string, minutes: number): void;
  openMaintenance(): void;
  quit(): void;
}

export interface ElectronTrayDeps {
  api: { Tray: TrayApi; Menu: MenuApi; nativeImage: NativeImageApi };
  platform: NodeJS.Platform;
  resourcesDir: string;
  actions: TrayActions;
}

const HOUR_MINUTES = 60;

export class ElectronTrayPresenter implements TrayPresenter {
  private readonly tray: TrayLike;
  private readonly icons = new Map<TrayLevel, NativeImageLike>();

  constructor(private readonly deps: ElectronTrayDeps) {
    const { nativeImage } = deps.api;
    for (const level of TRAY_LEVELS) this.icons.set(level, nativeImage.createFromPath(join(deps.resourcesDir, trayIconFile(level, deps.platform))));
    this.tray = new deps.api.Tray(this.icon('blind'));
    // macOS opens the menu on click; elsewhere a click opens the window.
    if (deps.platform !== 'darwin') this.tray.on('click', () => deps.actions.open());
    this.showStarting();
  }

  /** Before the core exists (the keychain may take seconds): grey, and saying so. */
  showStarting(): void {
    this.tray.setToolTip(STARTING_TOOLTIP);
    this.tray.setContextMenu(this.deps.api.Menu.buildFromTemplate([{ label: 'Starting…', enabled: false }, ...this.always()]));
  }

  update(summary: TraySummary): void {
    if (this.tray.isDestroyed()) return;
    this.tray.setImage(this.icon(trayLevel(summary.worst)));
    this.tray.setToolTip(trayTooltip(summary));
    this.tray.setContextMenu(this.deps.api.Menu.buildFromTemplate(this.menu(summary)));
  }

  dispose(): void {
    if (!this.tray.isDestroyed()) this.tray.destroy();
  }

  private icon(level: TrayLevel): NativeImageLike {
    return this.icons.get(level) ?? this.deps.api.nativeImage.createEmpty();
  }

  private always(): MenuItemConstructorOptions[] {
    const a = this.deps.actions;
    return [{ type: 'separator' }, { label: 'Open DNS Fleet Monitor', click: () => a.open() }, { label: 'Quit', click: () => a.quit() }];
  }

  private menu(summary: TraySummary): MenuItemConstructorOptions[] {
    const a = this.deps.actions;
    const run: Record<string, () => void> = {
      open: () => a.open(),
      'acknowledge-all': () => a.acknowledgeAll(),
      'snooze-all': () => a.snoozeAll(HOUR_MINUTES),
      maintenance: () => a.openMaintenance(),
      quit: () => a.quit(),
    };
    return trayMenuModel(summary).map((entry): MenuItemConstructorOptions => {
      if (entry.kind === 'separator') return { type: 'separator' };
      if (entry.kind === 'header' || entry.kind === 'more') return { label: entry.label, enabled: false };
      if (entry.kind === 'server') return { label: entry.label, submenu: this.serverMenu(entry.id) };
      return { label: entry.label, enabled: entry.enabled, click: run[entry.action] };
    });
  }

  private serverMenu(serverId: string): MenuItemConstructorOptions[] {
    const a = this.deps.actions;
    return [
      { label: 'Open', click: () => a.openServer(serverId) },
      { label: 'Maintenance for 1 hour', click: () => a.maintenance(serverId, HOUR_MINUTES) },
    ];
  }
}
