import type { ServerState, ServerStatus } from '../../../shared/domain/serverState';
import type { FleetVerdict, ServerVerdict } from '../../../shared/domain/verdict';
import type { TrayPresenter, TraySummaryModel } from '../platform';

/**
 * The tray's one glance, taken from the verdicts (electron/core/verdict): it decides nothing
 * itself. Servers are listed with their connection state and their verdict.
 */
export function summarize(fleet: FleetVerdict, verdicts: readonly ServerVerdict[], states: ReadonlyMap<string, ServerState>, activeAlerts: number): TraySummaryModel {
  return {
    worst: fleet.level,
    activeAlerts,
    fleet,
    servers: verdicts.map((v) => ({ id: v.serverId, name: v.name, state: states.get(v.serverId) ?? 'connecting', level: v.level, reasons: v.reasons })),
  };
}

export class TraySummary {
  private last = '';
  constructor(private readonly tray: TrayPresenter | undefined) {}

  update(fleet: FleetVerdict, verdicts: readonly ServerVerdict[], statuses: readonly ServerStatus[], activeAlerts: number): void {
    if (!this.tray) return;
    const states = new Map(statuses.map((s) => [s.serverId, s.state] as const));
    const summary = summarize(fleet, verdicts, states, activeAlerts);
    const key = JSON.stringify(summary);
    if (key === this.last) return; // the tray redraws only when something it shows changed
    this.last = key;
    this.tray.update(summary);
  }
}
