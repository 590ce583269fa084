/**
 * The client under test: the real `dnsfleet monitor --json` process (node + tsx, one process, so its
 * pid is the one whose RSS we read). Its JSON lines are the only thing the harness learns from it.
 * An exit the harness did not ask for is recorded and the monitor is started again, so one defect
 * does not hide every later figure; any such exit fails the run.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';

export interface StateChange {
  server: string;
  state: string;
  at: number;
}

export interface AlertLine {
  server: string;
  severity: string;
  title: string;
  at: number;
}

export interface ProcessExit {
  at: number;
  code: number | null;
  signal: string | null;
  stderrTail: string;
}

const STDERR_TAIL = 4000;

export class MonitorProcess {
  private child: ChildProcess | null = null;
  private stopping = false;
  private stderrTail = '';
  private readonly current = new Map<string, StateChange>();
  private readonly stateWaiters = new Set<() => void>();
  readonly history: StateChange[] = [];
  readonly alerts: AlertLine[] = [];
  readonly exits: ProcessExit[] = [];
  eventLines = 0;
  starts = 0;

  constructor(
    private readonly args: string[],
    private readonly env: Record<string, string>,
    private readonly log: (msg: string) => void,
  ) {}

  get pid(): number | undefined {
    return this.child?.pid;
  }

  start(): void {
    this.starts++;
    const child = spawn(process.execPath, ['--import', 'tsx', 'electron/hosts/cli.ts', 'monitor', ...this.args, '--json'], {
      env: { ...process.env, ...this.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    child.stderr!.on('data', (d: Buffer) => (this.stderrTail = (this.stderrTail + d.toString()).slice(-STDERR_TAIL)));
    createInterface({ input: child.stdout! }).on('line', (text) => this.onLine(text));
    child.once('exit', (code, signal) => this.onExit(child, code, signal));
  }

  stateOf(server: string): string | undefined {
    return this.current.get(server)?.state;
  }

  /** Resolves when `pred` holds after some state line (or at once), false after `ms`. */
  waitUntil(pred: () => boolean, ms: number): Promise<boolean> {
    if (pred()) return Promise.resolve(true);
    return new Promise((resolve) => {
      const check = (): void => {
        if (!pred()) return;
        finish(true);
      };
      const finish = (ok: boolean): void => {
        clearTimeout(timer);
        this.stateWaiters.delete(check);
        resolve(ok);
      };
      const timer = setTimeout(() => finish(false), ms);
      this.stateWaiters.add(check);
    });
  }

  /** Resident set size of the monitor process in bytes (Linux /proc), null where unknown. */
  rssBytes(): number | null {
    if (!this.child?.pid || this.child.exitCode !== null) return null;
    try {
      const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${this.child.pid}/status`, 'utf8'));
      return m ? Number(m[1]) * 1024 : null;
    } catch {
      return null;
    }
  }

  /** From now on an exit is one the harness asked for (its own SIGINT reached the monitor too). */
  expectStop(): void {
    this.stopping = true;
  }

  /** SIGTERM and wait: the monitor flushes its event log on the way out. */
  async stop(timeoutMs = 60_000): Promise<number | null> {
    this.stopping = true;
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return child?.exitCode ?? null;
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    const code = await exited;
    clearTimeout(timer);
    return code;
  }

  private onLine(text: string): void {
    let line: Record<string, unknown>;
    try {
      line = JSON.parse(text) as Record<string, unknown>;
    } catch {
      this.log(`monitor printed a line that is not JSON: ${text.slice(0, 200)}`);
      return;
    }
    const at = typeof line.at === 'string' ? Date.parse(line.at) || Date.now() : Date.now();
    if (line.kind === 'state' && typeof line.server === 'string' && typeof line.state === 'string') {
      const change = { server: line.server, state: line.state, at };
      this.current.set(line.server, change);
      this.history.push(change);
      for (const check of [...this.stateWaiters]) check();
    } else if (line.kind === 'alert' && typeof line.server === 'string') {
      this.alerts.push({ server: line.server, severity: String(line.severity), title: String(line.title), at });
    } else if (line.kind === 'event') {
      this.eventLines++;
    }
  }

  private onExit(child: ChildProcess, code: number | null, signal: NodeJS.Signals | null): void {
    if (this.stopping || child !== this.child) return;
    this.exits.push({ at: Date.now(), code, signal, stderrTail: this.stderrTail });
    this.log(`monitor exited on its own (code ${code}, signal ${signal}); starting it again`);
    // Its servers' states are unknown until the new process says otherwise.
    this.current.clear();
    setTimeout(() => {
      if (!this.stopping) this.start();
    }, 1000);
  }
}
