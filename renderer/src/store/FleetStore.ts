/**
 * The renderer's single source of truth for live fleet state: the snapshot from the core, kept
 * current by pushes. Updates replace only the changed server/alert object, so components holding
 * other servers keep the same reference and do not re-render (no flicker on a busy fleet).
 */
import type { Alert } from '../../../shared/domain/alert';
import type { NotificationDelivery } from '../../../shared/domain/notificationPolicy';
import type { ServerStatus } from '../../../shared/domain/serverState';
import type { FleetVerdict, ServerVerdict } from '../../../shared/domain/verdict';
import type { ApiResult } from '../../../shared/ipc/contract';
import type { AppHealth, FleetSnapshot, VerdictChange } from '../../../shared/ipc/schemas';
import { ListenerSet, describeError, type ConnectionState, type FleetClient } from '../api/FleetClient';
import { isSummaryAlert } from '../lib/alerts';

export interface FleetState {
  /** False until the first snapshot arrived. */
  ready: boolean;
  error: string | null;
  servers: readonly ServerStatus[];
  alerts: readonly Alert[];
  health: AppHealth | null;
  firstRun: boolean;
  host: 'electron' | 'web' | 'cli' | null;
  connection: ConnectionState;
  /** Open maintenance windows as of the last snapshot. */
  maintenance: FleetSnapshot['maintenance'];
  /** Each server's verdict as the core decided it, by server id. Nothing in the renderer decides health. */
  verdicts: ReadonlyMap<string, ServerVerdict>;
  /** The fleet's verdict as the core decided it; null until the first snapshot. */
  fleetVerdict: FleetVerdict | null;
}

const INITIAL: FleetState = {
  ready: false,
  error: null,
  servers: [],
  alerts: [],
  health: null,
  firstRun: false,
  host: null,
  connection: 'reconnecting',
  maintenance: [],
  verdicts: new Map(),
  fleetVerdict: null,
};

export class FleetStore {
  private state: FleetState;
  private listeners = new ListenerSet<void>();
  private raised = new ListenerSet<Alert>();
  private notified = new ListenerSet<{ alert: Alert; delivery: NotificationDelivery }>();
  private disposers: (() => void)[] = [];

  constructor(private readonly client: FleetClient) {
    this.state = { ...INITIAL, connection: client.connection };
  }

  readonly subscribe = (listener: () => void): (() => void) => this.listeners.add(listener);
  readonly getState = (): FleetState => this.state;

  /** Alerts raised while the page is open (toasts, browser notifications). */
  onDidRaiseAlert(listener: (alert: Alert) => void): () => void {
    return this.raised.add(listener);
  }

  /** Notifications the core's alerting policy let through (the browser host shows them as browser notifications). */
  onDidNotifyAlert(listener: (n: { alert: Alert; delivery: NotificationDelivery }) => void): () => void {
    return this.notified.add(listener);
  }

  start(): void {
    const c = this.client;
    this.disposers.push(
      c.on('fleet:onDidChangeServer', (s) => this.upsertServer(s)),
      c.on('fleet:onDidRemoveServer', ({ serverId }) => this.set({ servers: this.state.servers.filter((s) => s.serverId !== serverId) })),
      c.on('fleet:onDidChangeVerdict', (change) => this.applyVerdict(change)),
      c.on('alerts:onDidChange', (a) => this.upsertAlerts([a])),
      c.on('alerts:onDidRaise', (a) => {
        // A storm summary is a pop-up only: listing it would add an alert nobody can acknowledge.
        if (!isSummaryAlert(a)) this.upsertAlerts([a]);
        this.raised.fire(a);
      }),
      c.on('alerts:onDidNotify', (n) => this.notified.fire(n)),
      // Maintenance set here, in another window or host, or a schedule starting or ending.
      c.on('alerts:onDidChangeMaintenance', ({ active }) => this.set({ maintenance: active })),
      c.on('app:onDidChangeHealth', (health) => this.set({ health })),
      c.onDidChangeConnection((connection) => {
        this.set({ connection });
        // Pushes sent while we were away are lost: the snapshot is the way back to the truth.
        if (connection === 'open') void this.refresh();
      }),
    );
    void this.refresh();
  }

  async refresh(): Promise<void> {
    const r = await this.client.invoke('fleet:getSnapshot', {});
    if (!r.ok) return this.set({ error: describeError(r) });
    const { servers, alerts, health, firstRun, host, maintenance, verdicts, fleetVerdict } = r.value;
    const byId = new Map(verdicts.map((v) => [v.serverId, v] as const));
    this.set({ ready: true, error: null, servers: servers.map((s) => this.keepIfSame(s)), alerts, health, firstRun, host, maintenance, verdicts: byId, fleetVerdict });
  }

  /** Opens (untilMs) or ends (null) a server's maintenance window; the core pushes the change to every window. */
  async setMaintenance(serverId: string, untilMs: number | null): Promise<ApiResult<{ ok: true }>> {
    return this.client.invoke('alerts:setMaintenance', { serverId, untilMs });
  }

  /** Merges alerts fetched elsewhere (e.g. the resolved tab's alerts:list) into the store. */
  upsertAlerts(incoming: readonly Alert[]): void {
    if (incoming.length === 0) return;
    const byId = new Map(this.state.alerts.map((a) => [a.id, a] as const));
    for (const a of incoming) byId.set(a.id, a);
    this.set({ alerts: [...byId.values()] });
  }

  dispose(): void {
    for (const d of this.disposers.splice(0)) d();
    this.listeners.clear();
    this.raised.clear();
  }

  /** Replaces one server's verdict (a new Map, so only that tile's selector sees a change). */
  private applyVerdict(change: VerdictChange): void {
    const verdicts = new Map(this.state.verdicts);
    if (change.verdict) verdicts.set(change.verdict.serverId, change.verdict);
    if (change.removed !== undefined) verdicts.delete(change.removed);
    this.set({ verdicts, fleetVerdict: change.fleet });
  }

  private upsertServer(status: ServerStatus): void {
    const servers = this.state.servers;
    const i = servers.findIndex((s) => s.serverId === status.serverId);
    const next = i === -1 ? [...servers, status] : servers.map((s, j) => (j === i ? status : s));
    this.set({ servers: next, firstRun: false });
  }

  /** Keeps the old object when a refreshed snapshot carries an identical status. */
  private keepIfSame(s: ServerStatus): ServerStatus {
    const old = this.state.servers.find((o) => o.serverId === s.serverId);
    return old && JSON.stringify(old) === JSON.stringify(s) ? old : s;
  }

  private set(patch: Partial<FleetState>): void {
    this.state = { ...this.state, ...patch };
    this.listeners.fire();
  }
}
