/**
 * Operator intents from outside the window (tray menu, notification buttons) sent to the core
 * through the same validated dispatch as the renderer's requests. A failure is logged, never thrown
 * into an OS callback.
 */
import type { Alert } from '../../shared/domain/alert';
import { dispatchInvoke } from '../../shared/ipc/dispatch';
import type { InvokeChannel, InvokeRequest } from '../../shared/ipc/contract';
import type { CoreHandle } from '../core/api/CoreHandle';
import type { Clock, Logger } from '../core/platform';

export const MINUTE_MS = 60_000;

export class CoreActions {
  private core: CoreHandle | null = null;

  constructor(private readonly deps: { clock: Clock; logger: Logger }) {}

  /** Until the core is up, intents are dropped (the tray only offers Open and Quit then). */
  attach(core: CoreHandle): void {
    this.core = core;
  }

  async activeAlertIds(): Promise<string[]> {
    const alerts = (await this.call('alerts:list', { includeResolved: false, limit: 1000 })) as Alert[] | null;
    return Array.isArray(alerts) ? alerts.filter((a) => a.status === 'active').map((a) => a.id) : [];
  }

  async acknowledge(ids: string[]): Promise<void> {
    if (ids.length > 0) await this.call('alerts:acknowledge', { ids, note: '' });
  }

  async snooze(ids: string[], minutes: number): Promise<void> {
    if (ids.length > 0) await this.call('alerts:snooze', { ids, minutes });
  }

  async acknowledgeAll(): Promise<void> {
    await this.acknowledge(await this.activeAlertIds());
  }

  async snoozeAll(minutes: number): Promise<void> {
    await this.snooze(await this.activeAlertIds(), minutes);
  }

  async maintenance(serverId: string, minutes: number): Promise<void> {
    await this.call('alerts:setMaintenance', { serverId, untilMs: this.deps.clock.now() + minutes * MINUTE_MS });
  }

  async call<C extends InvokeChannel>(channel: C, req: InvokeRequest<C>): Promise<unknown> {
    if (!this.core) return null;
    const result = await dispatchInvoke(this.core.handlers, channel, req, (ch, err) => this.deps.logger.error('action failed', { channel: ch, err }));
    if (!result.ok) {
      this.deps.logger.warn('action refused', { channel, error: result.error });
      return null;
    }
    return result.value;
  }
}
