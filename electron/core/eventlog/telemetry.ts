/**
 * What the event log keeps as telemetry rather than history: the one rule, used when a row is packed
 * (packedRows.ts) and stored with it (`telemetry` column, migration 6, which froze a copy in SQL).
 *
 * Telemetry is a periodic sample that reports nothing wrong: query samples, forwarder health
 * summaries, system status and metrics frames, which the adapter marks `debug` (hybrid-dns/shape.ts).
 * A failed health summary is a `warning` and so history; so is everything derived (state changes,
 * gaps, threats), every security and admin event, and a server event the server itself ranked `low`
 * (which the adapter also maps to `debug`, hence the list of types). Telemetry feeds metrics and
 * rollups as it arrives; its raw rows live within their own share of the size cap and their own age
 * limit (Retention.ts), so a flood of samples never deletes last week's history.
 */
import type { FleetEvent } from '../../../shared/domain/fleetEvent';

const TELEMETRY_TYPES: ReadonlySet<string> = new Set(['query_update', 'health_update', 'system_status', 'system_metrics']);

export function isTelemetry(e: Pick<FleetEvent, 'type' | 'severity' | 'derived'>): boolean {
  return e.severity === 'debug' && !e.derived && TELEMETRY_TYPES.has(e.type);
}
