/**
 * The small interfaces a host provides to the core. Electron implements them with native APIs,
 * the CLI and browser host with Node equivalents, tests with fakes. The core never imports a host.
 */
import type { Alert } from '../../shared/domain/alert';
import type { NotificationDelivery } from '../../shared/domain/notificationPolicy';
import type { ServerState } from '../../shared/domain/serverState';
import type { FleetVerdict, VerdictLevel } from '../../shared/domain/verdict';

export interface Clock {
  /** Epoch milliseconds. */
  now(): number;
  setTimeout(fn: () => void, ms: number): TimerHandle;
  clearTimeout(handle: TimerHandle): void;
  setInterval(fn: () => void, ms: number): TimerHandle;
  clearInterval(handle: TimerHandle): void;
}
export type TimerHandle = { readonly __timer: unique symbol } | ReturnType<typeof setTimeout>;

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => {
    const t = setTimeout(fn, ms);
    t.unref?.();
    return t;
  },
  clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
  setInterval: (fn, ms) => {
    const t = setInterval(fn, ms);
    t.unref?.();
    return t;
  },
  clearInterval: (h) => clearInterval(h as ReturnType<typeof setInterval>),
};

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export type LogFields = Record<string, unknown>;
export interface Logger {
  debug(msg: string, fields?: LogFields): void;
  info(msg: string, fields?: LogFields): void;
  warn(msg: string, fields?: LogFields): void;
  error(msg: string, fields?: LogFields): void;
  child(name: string): Logger;
}

/** Shows a file in the OS file manager (the desktop shell only); the core calls it only with a file it wrote. */
export type FileRevealer = (path: string) => void;

/** Shows an alert to the operator outside the window (native notification, JSON line, toast). */
/** Gives a notification the core's alerting policy let through (notificationPolicy.ts); `how` says how loudly. */
export interface Notifier {
  notify(alert: Alert, how?: NotificationDelivery): void;
}

/** What the tray shows: the fleet verdict's level (one icon each), and each server's verdict. */
export interface TraySummaryModel {
  /** The fleet verdict's level: `blind` while any server cannot be seen, never `ok` then. */
  worst: VerdictLevel;
  activeAlerts: number;
  fleet: FleetVerdict;
  servers: { id: string; name: string; state: ServerState; level: VerdictLevel; reasons: string[] }[];
}

/** Reflects the fleet verdict in the tray / dock / title. */
export interface TrayPresenter {
  update(summary: TraySummaryModel): void;
}

/** OS resume and network-change signals: the fleet retries at once on either. */
export interface PowerEvents {
  onResume(listener: () => void): () => void;
  onNetworkChange(listener: () => void): () => void;
}

export interface AppPaths {
  /** Directory holding the event log, settings and exports. */
  dataDir: string;
  logsDir: string;
  exportsDir: string;
}

export const noPowerEvents: PowerEvents = { onResume: () => () => {}, onNetworkChange: () => () => {} };
