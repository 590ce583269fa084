import { useCallback, useEffect, useState } from 'react';
import type { ForwardingConfig, ForwardingView, TestDelivery, WebhookSecretKind } from '../../../shared/domain/delivery';
import { describeError } from '../api/FleetClient';
import { useClient } from '../store/StoreContext';

export interface ForwardingApi {
  view: ForwardingView | null;
  error: string | null;
  /** Each returns a problem in words, or null when the core took it. */
  save(config: ForwardingConfig): Promise<string | null>;
  setSecret(webhookId: string, kind: WebhookSecretKind, secret: string | null): Promise<string | null>;
  sendTest(): Promise<{ results: TestDelivery[] } | { error: string }>;
}

/** Alert forwarding as the core holds it: the config, which webhook secrets are set (never the secrets), the test button. */
export function useForwarding(): ForwardingApi {
  const client = useClient();
  const [view, setView] = useState<ForwardingView | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    void client.invoke('forwarding:get', {}).then((r) => {
      if (!live) return;
      if (r.ok) setView(r.value);
      else setError(describeError(r));
    });
    return () => {
      live = false;
    };
  }, [client]);
  const save = useCallback(
    async (config: ForwardingConfig) => {
      const r = await client.invoke('forwarding:set', { config });
      if (!r.ok) return describeError(r);
      setView(r.value);
      return null;
    },
    [client],
  );
  const setSecret = useCallback(
    async (webhookId: string, kind: WebhookSecretKind, secret: string | null) => {
      const r = await client.invoke('forwarding:setSecret', { webhookId, kind, secret });
      if (!r.ok) return describeError(r);
      setView(r.value);
      return null;
    },
    [client],
  );
  const sendTest = useCallback(async () => {
    const r = await client.invoke('forwarding:sendTest', {});
    return r.ok ? r.value : { error: describeError(r) };
  }, [client]);
  return { view, error, save, setSecret, sendTest };
}
