/** The forwarding part of the FakeCore: a config, the webhook ids with a secret, scripted deliveries and test results. */
import type { AlertDelivery, ForwardingConfig, ForwardingView, TestDelivery } from '../../../shared/domain/delivery';
import type { ApiHandlers, PushChannel, PushPayload } from '../../../shared/ipc/contract';

type Handlers = Pick<ApiHandlers, 'forwarding:get' | 'forwarding:set' | 'forwarding:setSecret' | 'forwarding:sendTest' | 'forwarding:deliveries'>;
type Rec = <T>(channel: string, payload: unknown, value: T) => Promise<T>;

export class FakeForwarding {
  config: ForwardingConfig = { minSeverity: 'warning', alertmanagerUrl: null, webhooks: [] };
  /** Webhook ids a secret was set for (the secret itself is dropped, as the core never hands it back). */
  secretsSet = new Set<string>();
  urlsSet = new Set<string>();
  deliveries = new Map<string, AlertDelivery[]>();
  /** What the next "Send test alert" answers. */
  testResults: TestDelivery[] = [];

  constructor(private readonly push: <C extends PushChannel>(channel: C, payload: PushPayload<C>) => void) {}

  /** A delivery changed, as the core pushes it after an attempt. */
  setDelivery(d: AlertDelivery): void {
    const list = (this.deliveries.get(d.alertId) ?? []).filter((x) => !(x.target === d.target && x.transition === d.transition));
    this.deliveries.set(d.alertId, [...list, d]);
    this.push('forwarding:onDidChangeDelivery', d);
  }

  view(): ForwardingView {
    const targets = [...(this.config.alertmanagerUrl ? ['alertmanager'] : []), ...this.config.webhooks.map((h) => `webhook:${h.id}`)];
    return { config: this.config, secretsSet: [...this.secretsSet], urlsSet: [...this.urlsSet], keychainPersistent: true, targets, pending: 0, problem: null };
  }

  handlers(rec: Rec): Handlers {
    return {
      'forwarding:get': (p) => rec('forwarding:get', p, this.view()),
      'forwarding:set': (p) => {
        this.config = p.config;
        return rec('forwarding:set', p, this.view());
      },
      'forwarding:setSecret': (p) => {
        const set = p.kind === 'url' ? this.urlsSet : this.secretsSet;
        if (p.secret === null) set.delete(p.webhookId);
        else set.add(p.webhookId);
        return rec('forwarding:setSecret', { webhookId: p.webhookId, kind: p.kind, secret: p.secret === null ? null : '(set)' }, this.view());
      },
      'forwarding:sendTest': (p) => rec('forwarding:sendTest', p, { results: this.testResults }),
      'forwarding:deliveries': (p) => rec('forwarding:deliveries', p, p.alertIds.flatMap((id) => this.deliveries.get(id) ?? [])),
    };
  }
}
