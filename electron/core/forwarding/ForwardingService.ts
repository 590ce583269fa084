/**
 * Alert forwarding as the hosts see it: the forwarder for the targets settings.json names, started
 * again whenever the `forwarding` section changes (the Settings page, `dnsfleet settings`), over one
 * outbox kept open for the whole run so nothing queued is dropped by a change. It tells every host
 * what happened to each delivery (onDidChangeDelivery), keeps webhook secrets in the keychain (the
 * view says only which are set), and sends a test alert through the real outbox.
 */
import { existsSync } from 'node:fs';
import type { Alert } from '../../../shared/domain/alert';
import type { AlertDelivery, ForwardingConfig, ForwardingView, TestDelivery, WebhookSecretKind } from '../../../shared/domain/delivery';
import type { CredentialStore } from '../credentials/CredentialStore';
import type { Clock, Logger } from '../platform';
import type { SettingsStore } from '../settings/SettingsStore';
import { Emitter, type Event } from '../util/Emitter';
import { registerSecret } from '../util/redact';
import type { DeliveryAttempt, Sender } from './AlertForwarder';
import { AlertOutbox, type OutboxEntry } from './AlertOutbox';
import type { ServerLabels } from './alertmanagerPayload';
import { ForwardingSettingsSchema, HttpUrl } from './forwardingSettings';
import { startForwarding, type Forwarding } from './startForwarding';
import { testAlert } from './testAlert';

/** How long "Send test alert" waits for every target's first answer. */
export const TEST_WAIT_MS = 15_000;

export interface ForwardingServiceDeps {
  settings: SettingsStore;
  dataDir: string;
  clock: Clock;
  logger: Logger;
  alerts: { onDidChange: Event<Alert>; list(opts: { includeResolved: boolean; limit: number }): Alert[] };
  serverLabels(serverId: string): ServerLabels | undefined;
  credentials: CredentialStore;
  send?: Sender;
}

export const toDelivery = (e: OutboxEntry): AlertDelivery => ({
  alertId: e.alertId,
  target: e.target,
  transition: e.transition,
  state: e.state,
  attempts: e.attempts,
  nextAttemptAt: e.state === 'pending' ? new Date(e.nextAt).toISOString() : null,
  lastError: e.lastError,
  deliveredAt: e.deliveredAt === null ? null : new Date(e.deliveredAt).toISOString(),
});

export class ForwardingService {
  private readonly changes: Emitter<AlertDelivery>;
  readonly onDidChangeDelivery: Event<AlertDelivery>;
  private outbox: AlertOutbox | undefined;
  private current: Forwarding | undefined;
  private applied = '';
  private problem: string | null = null;
  private readonly stopWatching: () => void;

  constructor(private readonly deps: ForwardingServiceDeps) {
    this.changes = new Emitter<AlertDelivery>((err) => deps.logger.error('delivery listener failed', { err }));
    this.onDidChangeDelivery = this.changes.event;
    this.apply();
    this.stopWatching = deps.settings.onDidChange(() => this.apply());
  }

  /** Targets being delivered to now. */
  get targets(): readonly string[] {
    return this.current?.targets ?? [];
  }

  async view(): Promise<ForwardingView> {
    const { minSeverity, alertmanagerUrl, webhooks } = this.deps.settings.get().forwarding;
    const secretsSet: string[] = [];
    const urlsSet: string[] = [];
    for (const h of webhooks) {
      if (await this.deps.credentials.has(h.id, 'webhook-secret')) secretsSet.push(h.id);
      if (await this.deps.credentials.has(h.id, 'webhook-url')) urlsSet.push(h.id);
    }
    return {
      config: { minSeverity, alertmanagerUrl, webhooks },
      secretsSet,
      urlsSet,
      keychainPersistent: this.deps.credentials.status().persistent,
      targets: [...this.targets],
      // Only what the configured targets still owe: entries left for a removed target are never sent.
      pending: this.targets.reduce((n, t) => n + (this.outbox?.isOpen ? this.outbox.pendingCount(t) : 0), 0),
      problem: this.problem,
    };
  }

  /** Saves the section (validated like settings.json); the change restarts forwarding through onDidChange. */
  setConfig(config: ForwardingConfig): void {
    const forwarding = ForwardingSettingsSchema.parse(config);
    this.deps.settings.update((s) => ({ ...s, forwarding }));
  }

  /** Keeps (or with null, removes) a webhook's signing secret, or its secret URL, in the keychain. */
  async setSecret(webhookId: string, secret: string | null, kind: WebhookSecretKind = 'signing'): Promise<void> {
    const credential = kind === 'url' ? 'webhook-url' : 'webhook-secret';
    if (secret === null) return this.deps.credentials.delete(webhookId, credential);
    // A URL is checked like one in settings.json (http(s), no user name or password) before it is kept.
    const value = kind === 'url' ? HttpUrl.parse(secret.trim()) : secret;
    registerSecret(value);
    await this.deps.credentials.set(webhookId, credential, value);
  }

  deliveries(alertIds: readonly string[]): AlertDelivery[] {
    const outbox = this.outbox;
    if (!outbox?.isOpen) return [];
    return alertIds.flatMap((id) => outbox.forAlert(id).map(toDelivery));
  }

  /**
   * A test alert, firing then resolved, through the real outbox to every target, at the lowest severity
   * that is forwarded. Answers with each target's first outcome; what is not through yet stays queued.
   */
  async sendTest(waitMs = TEST_WAIT_MS): Promise<TestDelivery[]> {
    const f = this.current;
    if (!f) return [];
    const alert = testAlert(this.deps.clock.now(), this.deps.settings.get().forwarding.minSeverity, 'the Send test alert button');
    const seen = new Map<string, DeliveryAttempt>();
    const key = (target: string, transition: string) => `${target} ${transition}`;
    // A resolve queues behind its firing: once the firing failed, the resolve waits for a later retry.
    const settled = () => f.targets.every((t) => seen.has(key(t, 'resolved')) || seen.get(key(t, 'firing'))?.outcome === 'failed');
    await new Promise<void>((resolve) => {
      const timer = this.deps.clock.setTimeout(() => done(), waitMs);
      const stop = f.forwarder.onDidAttempt((a) => {
        if (a.alertId !== alert.id || seen.has(key(a.target, a.transition))) return;
        seen.set(key(a.target, a.transition), a);
        if (settled()) done();
      });
      const done = () => {
        stop();
        this.deps.clock.clearTimeout(timer);
        resolve();
      };
      f.forwarder.observe(alert);
      f.forwarder.observe({ ...alert, status: 'resolved', resolvedAt: new Date(this.deps.clock.now()).toISOString() });
    });
    return f.targets.flatMap((target) =>
      (['firing', 'resolved'] as const).map((transition): TestDelivery => {
        const a = seen.get(key(target, transition));
        return { target, transition, outcome: a?.outcome ?? 'waiting', error: a?.error ?? null };
      }),
    );
  }

  dispose(): void {
    this.stopWatching();
    this.current?.dispose();
    this.current = undefined;
    this.outbox?.close();
    this.changes.dispose();
  }

  /** (Re)starts forwarding when the section differs from what runs. */
  private apply(): void {
    const settings = this.deps.settings.get().forwarding;
    const text = JSON.stringify(settings);
    if (text === this.applied) return;
    this.applied = text;
    this.current?.dispose();
    this.current = undefined;
    this.problem = null;
    const configured = settings.alertmanagerUrl !== null || settings.webhooks.length > 0;
    const file = AlertOutbox.fileIn(this.deps.dataDir);
    try {
      if (!this.outbox && (configured || existsSync(file))) this.outbox = AlertOutbox.open(file);
    } catch (err) {
      // Never stop watching for want of forwarding: the core runs on, and Settings says why nothing is sent.
      this.problem = `alerts are not forwarded: ${file} cannot be opened (${(err as Error)?.message ?? String(err)}); move it aside and restart`;
      this.deps.logger.error('alert outbox cannot be opened; forwarding is off', { file, err });
      return;
    }
    if (!configured || !this.outbox) return;
    this.current = startForwarding({
      ...this.deps,
      settings,
      outbox: this.outbox,
      webhookSecret: (id) => this.deps.credentials.get(id, 'webhook-secret'),
      webhookUrl: (id) => this.deps.credentials.get(id, 'webhook-url'),
    });
    this.current?.forwarder.onDidAttempt((a) => this.tell(a));
  }

  private tell(a: DeliveryAttempt): void {
    const entry = this.outbox?.isOpen ? this.outbox.forAlert(a.alertId).find((e) => e.seq === a.seq) : undefined;
    if (entry) this.changes.fire(toDelivery(entry));
  }
}
