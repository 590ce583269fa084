/**
 * OS power and network signals for the core: resume and unlock make the fleet retry at once instead
 * of waiting out its backoff, and so does the network coming back. Electron has no network-change
 * event in the main process, so we poll net.isOnline() (a cached flag from Chromium's network-change
 * notifier, no traffic) every few seconds and report transitions, online and offline alike. Suspend
 * is logged: what the fleet saw before it stays on screen as it ages into `stale`, which is honest.
 */
import type { Clock, Logger, PowerEvents, TimerHandle } from '../core/platform';
import { Emitter } from '../core/util/Emitter';
import type { PowerMonitorLike } from './electronApi';

export const NETWORK_POLL_MS = 5000;

export interface ElectronPowerDeps {
  powerMonitor: PowerMonitorLike;
  net: { isOnline(): boolean };
  clock: Clock;
  logger: Logger;
}

export class ElectronPowerEvents implements PowerEvents {
  private readonly resume: Emitter<void>;
  private readonly network: Emitter<void>;
  private readonly poll: TimerHandle;
  private online: boolean;
  private readonly fireResume = () => {
    this.deps.logger.info('system resumed');
    this.resume.fire();
  };
  private readonly onSuspend = () => this.deps.logger.info('system suspending');

  constructor(private readonly deps: ElectronPowerDeps) {
    const failed = (err: unknown) => deps.logger.error('power listener failed', { err });
    this.resume = new Emitter<void>(failed);
    this.network = new Emitter<void>(failed);
    this.online = deps.net.isOnline();
    deps.powerMonitor.on('resume', this.fireResume);
    deps.powerMonitor.on('unlock-screen', this.fireResume);
    deps.powerMonitor.on('suspend', this.onSuspend);
    this.poll = deps.clock.setInterval(() => this.checkNetwork(), NETWORK_POLL_MS);
  }

  onResume(listener: () => void): () => void {
    return this.resume.event(listener);
  }

  onNetworkChange(listener: () => void): () => void {
    return this.network.event(listener);
  }

  dispose(): void {
    this.deps.clock.clearInterval(this.poll);
    this.deps.powerMonitor.off('resume', this.fireResume);
    this.deps.powerMonitor.off('unlock-screen', this.fireResume);
    this.deps.powerMonitor.off('suspend', this.onSuspend);
    this.resume.dispose();
    this.network.dispose();
  }

  private checkNetwork(): void {
    const now = this.deps.net.isOnline();
    if (now === this.online) return;
    this.online = now;
    this.deps.logger.info(now ? 'network is back' : 'network is gone');
    this.network.fire();
  }
}
