/** The tray icon: worst fleet state as icon (distinct shapes), tooltip, and a per-server menu. */
import { Menu, Tray, nativeImage, type MenuItemConstructorOptions, type NativeImage } from 'electron';
import { join } from 'node:path';
import type { TrayPresenter } from '../core/platform';
import { trayIconFile, trayMenuModel, trayTooltip, TRAY_STATES, type TraySummary, type TrayWorst } from './trayModel';

export interface ElectronTrayDeps {
  resourcesDir: string;
  onShow: () => void;
  onQuit: () => void;
}

export class ElectronTrayPresenter implements TrayPresenter {
  private readonly tray: Tray;
  private readonly icons = new Map<TrayWorst, NativeImage>();

  constructor(private readonly deps: ElectronTrayDeps) {
    // createFromPath picks up the @2x file next to each icon for HiDPI screens.
    for (const state of TRAY_STATES) this.icons.set(state, nativeImage.createFromPath(join(deps.resourcesDir, trayIconFile(state))));
    this.tray = new Tray(this.icon('unknown'));
    this.tray.on('click', () => deps.onShow());
    this.update({ worst: 'unknown', activeAlerts: 0, servers: [] });
  }

  update(summary: TraySummary): void {
    if (this.tray.isDestroyed()) return;
    this.tray.setImage(this.icon(summary.worst));
    this.tray.setToolTip(trayTooltip(summary));
    this.tray.setContextMenu(Menu.buildFromTemplate(this.menu(summary)));
  }

  dispose(): void {
    if (!this.tray.isDestroyed()) this.tray.destroy();
  }

  private icon(state: TrayWorst): NativeImage {
    return this.icons.get(state) ?? nativeImage.createEmpty();
  }

  private menu(summary: TraySummary): MenuItemConstructorOptions[] {
    return trayMenuModel(summary).map((entry): MenuItemConstructorOptions => {
      if (entry.kind === 'separator') return { type: 'separator' };
      if (entry.kind === 'server') return { label: entry.label, click: () => this.deps.onShow() };
      return { label: entry.label, click: entry.action === 'show' ? this.deps.onShow : this.deps.onQuit };
    });
  }
}
