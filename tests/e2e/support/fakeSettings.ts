/** The probe and analytics settings of the FakeCore: kept as the core would, pushed on every change. */
import { MonitoringSettingsSchema, type MonitoringSettings } from '../../../shared/domain/monitoringSettings';
import type { ApiHandlers, PushChannel, PushPayload } from '../../../shared/ipc/contract';

type Handlers = Pick<ApiHandlers, 'settings:getMonitoring' | 'settings:setMonitoring'>;
type Rec = <T>(channel: string, payload: unknown, value: T) => Promise<T>;

export class FakeMonitoringSettings {
  value: MonitoringSettings = MonitoringSettingsSchema.parse({ probes: {}, analytics: {} });

  constructor(private readonly push: <C extends PushChannel>(channel: C, payload: PushPayload<C>) => void) {}

  /** Changed elsewhere (another window, the CLI): pushed like the core does. */
  set(next: MonitoringSettings): void {
    this.value = next;
    this.push('settings:onDidChangeMonitoring', next);
  }

  handlers(rec: Rec): Handlers {
    return {
      'settings:getMonitoring': (p) => rec('settings:getMonitoring', p, this.value),
      'settings:setMonitoring': (p) => {
        this.set({ probes: p.probes ?? this.value.probes, analytics: p.analytics ?? this.value.analytics });
        return rec('settings:setMonitoring', p, this.value);
      },
    };
  }
}
