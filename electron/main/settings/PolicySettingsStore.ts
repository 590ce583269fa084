/**
 * The settings store as the Electron host hands it to the core: the user's settings with the
 * enterprise policy applied on every read and write (policy.ts), and the policy's notices added.
 */
import type { Event } from '../../core/util/Emitter';
import type { Settings, SettingsStore } from '../../core/settings/SettingsStore';
import { applyPolicy, type LoadedPolicy } from '../policy';

export class PolicySettingsStore implements SettingsStore {
  readonly onDidChange: Event<Settings>;

  constructor(
    private readonly inner: SettingsStore & { dispose?: () => void },
    private readonly loaded: LoadedPolicy,
  ) {
    this.onDidChange = (listener) => inner.onDidChange((s) => listener(applyPolicy(s, loaded.policy)));
    // Seed once, so the servers exist for the registry and the keychain prompts.
    if (loaded.policy && loaded.policy.servers.length > 0) {
      const before = inner.get().servers.length;
      try {
        if (applyPolicy(inner.get(), loaded.policy).servers.length > before) inner.update((s) => applyPolicy(s, loaded.policy));
      } catch (err) {
        this.failures.push(`The servers of ${loaded.source} could not be saved: ${(err as Error)?.message ?? String(err)}`);
      }
    }
  }

  private readonly failures: string[] = [];

  get(): Settings {
    return applyPolicy(this.inner.get(), this.loaded.policy);
  }

  update(mutator: (s: Settings) => Settings): Settings {
    return applyPolicy(
      this.inner.update((s) => applyPolicy(mutator(applyPolicy(s, this.loaded.policy)), this.loaded.policy)),
      this.loaded.policy,
    );
  }

  /** The file's changes from other processes (the CLI) reach the core through onDidChange, with the policy applied. */
  watch(): () => void {
    return this.inner.watch?.() ?? (() => {});
  }

  notices(): string[] {
    return [...this.inner.notices(), ...this.loaded.notices, ...this.failures];
  }

  dispose(): void {
    this.inner.dispose?.();
  }
}
