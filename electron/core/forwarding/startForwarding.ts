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

const REFRESH_MS = 60_000;

export interface ForwardingDeps {
  settings: ForwardingSettings;
  dataDir: string;
  clock: Clock;
  logger: Logger;
  alerts: { onDidChange: Event<Alert>; list(opts: { includeResolved: boolean; limit: number }): Alert[] };
  serverLabels(serverId: string): ServerLabels | undefined;
  send?: Sender;
}

export interface Forwarding {
  forwarder: AlertForwarder;
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
  if (targets.length === 0) return undefined;
  const outbox = AlertOutbox.open(AlertOutbox.fileIn(deps.dataDir));
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
    dispose: () => {
      deps.clock.clearInterval(refresh);
      stopObserving();
      forwarder.dispose();
      outbox.close();
    },
  };
}
