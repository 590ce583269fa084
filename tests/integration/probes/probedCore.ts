/**
 * The real core (createCore) watching emulated servers that also answer DNS, with a short probe
 * interval, and helpers that wait for pushes (never sleeping).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Alert } from '../../../shared/domain/alert';
import type { ServerProbes } from '../../../shared/domain/probe';
import type { ServerConfig } from '../../../shared/domain/serverConfig';
import type { CoreHandle, PushMessage } from '../../../electron/core/api/CoreHandle';
import { createCore, defaultPaths, type CoreOptions } from '../../../electron/core/compose';
import { MemoryCredentialStore } from '../../../electron/core/credentials/MemoryCredentialStore';
import type { ProbeSettings } from '../../../electron/core/probes/probeSettings';
import { ConfSettingsStore } from '../../../electron/core/settings/ConfSettingsStore';
import { nullLogger } from '../../../electron/core/util/logger';
import type { EmulatedServer } from '../../../electron/emulator';
import { serverConfig } from '../connectivity/helpers';

export interface ProbedCore {
  core: CoreHandle;
  /** The settings the core runs on: a change here is what the Settings page or the CLI would make. */
  settings: ConfSettingsStore;
  pushes: PushMessage[];
  notified: Alert[];
  /** The first push matching from push number `from` on (default: pushes after the call), waiting up to timeoutMs. */
  waitPush(pred: (m: PushMessage) => boolean, timeoutMs?: number, from?: number): Promise<PushMessage>;
  openAlerts(): Promise<Alert[]>;
  dispose(): Promise<void>;
}

export const PW_ENV = 'DNSFLEET_PROBE_TEST_PW';

export function probedConfig(emu: EmulatedServer, id: string, over: Partial<ServerConfig> = {}): ServerConfig {
  return serverConfig(emu.url, { id, name: id.toUpperCase(), stack: 'legacy', passwordEnv: PW_ENV, pollSeconds: 15, dns: { port: emu.dnsPort!, internalName: 'host.corp.example' }, ...over });
}

export async function probedCore(servers: ServerConfig[], probes: Partial<ProbeSettings>, alertRules?: CoreOptions['alertRules']): Promise<ProbedCore> {
  const dir = mkdtempSync(join(tmpdir(), 'dnsfleet-probes-'));
  const settings = ConfSettingsStore.open({ dataDir: dir, logger: nullLogger });
  settings.update((s) => ({ ...s, probes: { ...s.probes, ...probes } }));
  process.env[PW_ENV] = 'monitor-pass';
  const notified: Alert[] = [];
  const pushes: PushMessage[] = [];
  const waiters = new Set<() => void>();
  const core = await createCore({
    host: 'cli',
    paths: defaultPaths(dir),
    logger: nullLogger,
    settings,
    notifier: { notify: (a) => notified.push(a) },
    credentials: new MemoryCredentialStore({ available: true, persistent: false, detail: 'test' }),
    fleetOverride: servers,
    alertRules,
  });
  core.onPush((m) => {
    pushes.push(m);
    for (const w of [...waiters]) w();
  });
  const waitPush = (pred: (m: PushMessage) => boolean, timeoutMs = 15_000, since?: number) =>
    new Promise<PushMessage>((resolve, reject) => {
      const from = since ?? pushes.length;
      const check = () => {
        const found = pushes.slice(from).find(pred);
        if (!found) return;
        waiters.delete(check);
        clearTimeout(timer);
        resolve(found);
      };
      const timer = setTimeout(() => {
        waiters.delete(check);
        reject(new Error(`timed out; alerts: ${JSON.stringify(pushes.filter((p) => p.channel === 'alerts:onDidChange').map((p) => `${(p.payload as Alert).serverId}/${(p.payload as Alert).key}/${(p.payload as Alert).status}`))}`));
      }, timeoutMs);
      waiters.add(check);
      check();
    });
  core.start();
  return {
    core,
    settings,
    pushes,
    notified,
    waitPush,
    openAlerts: async () => (await core.handlers['alerts:list']({ includeResolved: false, limit: 1000 })) as Alert[],
    dispose: async () => {
      await core.dispose();
      rmSync(dir, { recursive: true, force: true });
      delete process.env[PW_ENV];
    },
  };
}

export const alertPush = (pred: (a: Alert) => boolean) => (m: PushMessage) => m.channel === 'alerts:onDidChange' && pred(m.payload as Alert);
/** A probe set of this server in which some probe got an answer. */
export const probesAnswered = (serverId: string) => (m: PushMessage) =>
  m.channel === 'probes:onDidComplete' && (m.payload as ServerProbes).serverId === serverId && (m.payload as ServerProbes).results.some((r) => r.outcome === 'answered');
export const isLive = (serverId: string) => (m: PushMessage) =>
  m.channel === 'fleet:onDidChangeServer' && (m.payload as { serverId: string; state: string }).serverId === serverId && (m.payload as { state: string }).state === 'live';
