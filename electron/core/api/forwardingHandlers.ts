/** The contract's `forwarding:*` handlers over the ForwardingService: one request, one service call. */
import type { ApiHandlers } from '../../../shared/ipc/contract';
import { ApiFailure } from '../../../shared/ipc/dispatch';
import type { ForwardingService } from '../forwarding/ForwardingService';

type ForwardingHandlers = Pick<ApiHandlers, 'forwarding:get' | 'forwarding:set' | 'forwarding:setSecret' | 'forwarding:sendTest' | 'forwarding:deliveries'>;

export function forwardingHandlers(f: ForwardingService): ForwardingHandlers {
  return {
    'forwarding:get': () => f.view(),
    'forwarding:set': async ({ config }) => {
      try {
        f.setConfig(config);
      } catch (err) {
        // Settings refuse what the schema refuses (a duplicate webhook id, a URL with a password): say which.
        const issues = (err as { issues?: { path: PropertyKey[]; message: string }[] }).issues;
        if (!issues) throw err;
        throw new ApiFailure('invalid-request', issues.map((i) => `${i.path.map(String).join('.') || 'forwarding'}: ${i.message}`).join('; '));
      }
      return f.view();
    },
    'forwarding:setSecret': async ({ webhookId, kind, secret }) => {
      try {
        await f.setSecret(webhookId, secret, kind);
      } catch (err) {
        const issues = (err as { issues?: { message: string }[] }).issues;
        if (!issues) throw err;
        throw new ApiFailure('invalid-request', `the URL: ${issues.map((i) => i.message).join('; ')}`);
      }
      return f.view();
    },
    'forwarding:sendTest': async () => {
      if (f.targets.length === 0) throw new ApiFailure('conflict', 'no target configured: add an Alertmanager URL or a webhook first');
      return { results: await f.sendTest() };
    },
    'forwarding:deliveries': async ({ alertIds }) => f.deliveries(alertIds),
  };
}
