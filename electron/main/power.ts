/**
 * OS resume and network changes, so the fleet retries at once instead of waiting out its backoff.
 * Resume and unlock come from powerMonitor. Electron has no network-change event in the main
 * process, so we poll net.isOnline() (a cached flag from Chromium's network-change notifier, no
 * traffic) every few seconds and report transitions. That is the simplest honest signal: it
 * also catches a VPN or Wi-Fi coming back, which an online event in the renderer would miss
 * while the window is closed to the tray.
 */
import { net, powerMonitor } from 'electron';
import type { Clock, PowerEvents, TimerHandle } from '../core/platform';
import { Emitter } from '../core/util/Emitter';

const NETWORK_POLL_MS = 5000;

export class ElectronPowerEvents implements PowerEvents {
  private readonly resume = new Emitter<void>();
  private readonly network = new Emitter<void>();
  private readonly poll: TimerHandle;
  private online = net.isOnline();
  private readonly fireResume = () => this.resume.fire();

  constructor(private readonly clock: Clock) {
    powerMonitor.on('resume', this.fireResume);
    powerMonitor.on('unlock-screen', this.fireResume);
    this.poll = clock.setInterval(() => this.checkNetwork(), NETWORK_POLL_MS);
  }

  onResume(listener: () => void): () => void {
    return this.resume.event(listener);
  }

  onNetworkChange(listener: () => void): () => void {
    return this.network.event(listener);
  }

  dispose(): void {
    this.clock.clearInterval(this.poll);
    powerMonitor.off('resume', this.fireResume);
    powerMonitor.off('unlock-screen', this.fireResume);
    this.resume.dispose();
    this.network.dispose();
  }

  private checkNetwork(): void {
    const now = net.isOnline();
    if (now === this.online) return;
    this.online = now;
    this.network.fire();
  }
}
