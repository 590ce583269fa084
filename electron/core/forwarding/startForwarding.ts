/**
 * Composition of alert forwarding for createCore: the outbox file in the data dir, the targets the
 * settings name, every alert change fed in, and open alerts re-asserted to Alertmanager every minute.
 * Returns undefined when nothing is configured (no outbox file is created then).
 */
import type { Alert } from '../../../shared/domain/alert';
import type { Clock, Logger } from '../platform';
import type { Event } from '../util/Emitter';
import { AlertForwarder, type ForwardTarget, type Sender } from './AlertForwarder';
import { AlertOutbox } from './AlertOutbox';
import { alertmanagerAlert, type ServerLabels } from './alertmanagerPayload';
import { alertmanagerEndpoint, type ForwardingSettings } from './forwardingSettings';
import { httpSender } from './httpSender';
import { SIGNATURE_HEADER, signBody, webhookBody } from './webhookPayload';

const REFRESH_MS = 60_000;

export interface ForwardingDeps {
  settings: ForwardingSettings;
  dataDir: string;
  clock: Clock;
  logger: Logger;
  alerts: { onDidChange: Event<Alert>; list(opts: { includeResolved: boolean; limit: number }): Alert[] };
  serverLabels(serverId: string): ServerLabels | undefined;
  /** A signed webhook's secret, read from the keychain at each delivery. */
  webhookSecret(webhookId: string): Promise<string | null>;
  /** A webhook's URL kept in the keychain (settings `url: null`), read at each delivery. */
  webhookUrl?(webhookId: string): Promise<string | null>;
  send?: Sender;
  /** An outbox the caller keeps open across reconfigurations (ForwardingService); else one is opened and closed here. */
  outbox?: AlertOutbox;
}

export interface Forwarding {
  forwarder: AlertForwarder;
  /** The ids of the configured targets (`alertmanager`, `webhook:<id>`). */
  targets: readonly string[];
  dispose(): void;
}

export function startForwarding(deps: ForwardingDeps): Forwarding | undefined {
  const targets: ForwardTarget[] = [];
  if (deps.settings.alertmanagerUrl) {
    targets.push({
      id: 'alertmanager',
      url: alertmanagerEndpoint(deps.settings.alertmanagerUrl),
      format: (a, tr, now) => JSON.stringify([alertmanagerAlert(a, deps.serverLabels(a.serverId), tr, now)]),
      formatOpen: (alerts, now) => JSON.stringify(alerts.map((a) => alertmanagerAlert(a, deps.serverLabels(a.serverId), 'firing', now))),
    });
  }
  for (const hook of deps.settings.webhooks) {
    targets.push({
      id: `webhook:${hook.id}`,
      url: hook.url ?? `keychain:webhook-url:${hook.id}`,
      resolveUrl: hook.url === null ? () => requireUrl(deps, hook.id) : undefined,
      format: (a, tr) => webhookBody(hook.format, a, deps.serverLabels(a.serverId), tr),
      headers: hook.signed ? async (body) => ({ [SIGNATURE_HEADER]: signBody(body, await requireSecret(deps, hook.id)) }) : undefined,
    });
  }
  if (targets.length === 0) return undefined;
  const outbox = deps.outbox ?? AlertOutbox.open(AlertOutbox.fileIn(deps.dataDir));
  const forwarder = new AlertForwarder({
    clock: deps.clock,
    logger: deps.logger,
    outbox,
    targets,
    send: deps.send ?? httpSender,
    minSeverity: deps.settings.minSeverity,
  });
  const stopObserving = deps.alerts.onDidChange((a) => forwarder.observe(a));
  const refresh = deps.clock.setInterval(() => void forwarder.refresh(deps.alerts.list({ includeResolved: false, limit: 1000 })), REFRESH_MS);
  deps.logger.info('forwarding alerts', { targets: targets.map((t) => t.id), pending: outbox.pendingCount() });
  return {
    forwarder,
    targets: targets.map((t) => t.id),
    dispose: () => {
      deps.clock.clearInterval(refresh);
      stopObserving();
      forwarder.dispose();
      if (!deps.outbox) outbox.close();
    },
  };
}

/** No secret, no delivery: an unsigned body would be refused by a receiver that checks, so it waits (and says why). */
async function requireSecret(deps: ForwardingDeps, webhookId: string): Promise<string> {
  const secret = await deps.webhookSecret(webhookId);
  if (!secret) throw new Error(`no signing secret for webhook ${webhookId} in the keychain`);
  return secret;
}

/** No URL in the keychain, no delivery: the entry waits (and says why) until one is set. */
async function requireUrl(deps: ForwardingDeps, webhookId: string): Promise<string> {
  const url = await deps.webhookUrl?.(webhookId);
  if (!url) throw new Error(`no URL for webhook ${webhookId} in the keychain`);
  return url;
}
