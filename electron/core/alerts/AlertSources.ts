/**
 * One condition, several witnesses. The forwarder rule (from the forwarder's status) and the
 * server's own health alert for that forwarder describe one failure: they share one alert key,
 * and this remembers which sources currently say it is bad and how bad. A source that joins an
 * alert another source already raised only corroborates it (no second notification, no lifted
 * acknowledgement); the alert resolves when every source that raised it has cleared it.
 * Kept in memory: after a restart a reloaded alert has no known sources, and the first clear
 * from any source resolves it, as before.
 */
import { severityRank, type Severity } from '../../../shared/domain/fleetEvent';

/** The source of signals that do not name one; a clear without a source clears every source. */
export const ANY_SOURCE = 'rule';

export class AlertSources {
  private readonly byAlert = new Map<string, Map<string, Severity>>();

  /** Records that `source` says the condition is `severity`; true when it joins other sources. */
  raise(mapKey: string, source: string, severity: Severity): boolean {
    const sources = this.byAlert.get(mapKey) ?? new Map<string, Severity>();
    const joins = sources.size > 0 && !sources.has(source);
    sources.set(source, severity);
    this.byAlert.set(mapKey, sources);
    return joins;
  }

  has(mapKey: string, source: string): boolean {
    return this.byAlert.get(mapKey)?.has(source) ?? false;
  }

  /** The worst severity any source reports, or null when none is known. */
  worst(mapKey: string): Severity | null {
    let worst: Severity | null = null;
    for (const s of this.byAlert.get(mapKey)?.values() ?? []) if (worst === null || severityRank(s) > severityRank(worst)) worst = s;
    return worst;
  }

  /** Clears one source (or all); true when no source says the condition is bad any more. */
  clear(mapKey: string, source: string | undefined): boolean {
    const sources = this.byAlert.get(mapKey);
    if (sources && source !== undefined && source !== ANY_SOURCE) sources.delete(source);
    if (sources && sources.size > 0 && source !== undefined && source !== ANY_SOURCE) return false;
    this.byAlert.delete(mapKey);
    return true;
  }

  forget(mapKey: string): void {
    this.byAlert.delete(mapKey);
  }

  dispose(): void {
    this.byAlert.clear();
  }
}
