/**
 * The event types the core itself produces (derived from REST snapshots or from the connection),
 * with their `data` shapes. Wire types the server pushes keep their wire name (§5.1); these are
 * the shared vocabulary between the hybrid-dns adapter, the alert engine and the UI.
 */
import type { ForwarderStatus, ServerState } from './serverState';

export const DERIVED = {
  /** A forwarder's status changed (from legacy health_update or a REST poll). category: health */
  forwarderStatusChange: 'forwarder_status_change',
  /** BIND stopped / started (system_status.bind9_running, /api/system/bind/status). category: system */
  bindDown: 'bind_down',
  bindUp: 'bind_up',
  /** Zone list diff (serial / updated_at). category: dns */
  zoneCreated: 'zone_created',
  zoneUpdated: 'zone_updated',
  zoneDeleted: 'zone_deleted',
  /** /api/dashboard/health-alerts diff by stable id. category: health */
  healthAlertRaised: 'health_alert_raised',
  healthAlertCleared: 'health_alert_cleared',
  /** New rows in /api/realtime/security/live recent_threats. category: security */
  threatDetected: 'threat_detected',
  /** No data from T1 to T2. category: connection */
  connectionGap: 'connection_gap',
  /** The server's connection state changed. category: connection */
  connectionState: 'connection_state',
  /** A pinned certificate no longer matches. category: security, severity critical */
  tlsPinMismatch: 'tls_pin_mismatch',
  /** A maintenance window that was in force ended (recorded once over, as saved one-off windows are then dropped). category: admin */
  maintenanceWindow: 'maintenance_window',
} as const;
export type DerivedType = (typeof DERIVED)[keyof typeof DERIVED];

export interface ForwarderStatusChangeData {
  forwarderId: number;
  forwarderName: string;
  oldStatus: ForwarderStatus | null;
  newStatus: ForwarderStatus;
  healthyServers: number;
  totalServers: number;
}
export interface BindStateData {
  running: boolean;
  source: 'system_status' | 'rest';
}
export interface ZoneChangeData {
  zoneId: number;
  zoneName: string;
  serial: number | null;
  oldSerial?: number | null;
}
export interface HealthAlertData {
  alertId: string;
  level: string;
  title: string;
  message: string;
  forwarderId?: number;
}
export interface ThreatData {
  domain: string;
  clientIp: string;
  category: string;
  action: string;
}
export interface ConnectionGapData {
  from: string;
  to: string;
  seconds: number;
}
export interface ConnectionStateData {
  state: ServerState;
  previous: ServerState | null;
  detail?: string;
}
export interface TlsPinMismatchData {
  expected: string;
  presented: string;
}
export interface MaintenanceWindowData {
  from: string;
  to: string;
}
