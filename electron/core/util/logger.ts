import { appendFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { LogFields, Logger, LogLevel } from '../platform';
import { redact, redactString } from './redact';

const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export interface LogSinkOptions {
  /** Minimum level written. */
  level?: LogLevel;
  /** Append JSON lines to this file (created). */
  file?: string;
  /** Write human lines to stderr (never stdout: the CLI's stdout is a data channel). */
  stderr?: boolean;
}

/** A named logger whose every line passes through redaction. The only logging path in electron/. */
export function createLogger(name: string, opts: LogSinkOptions = {}): Logger {
  const min = ORDER[opts.level ?? 'info'];
  if (opts.file) mkdirSync(dirname(opts.file), { recursive: true });
  const write = (level: LogLevel, msg: string, fields?: LogFields): void => {
    if (ORDER[level] < min) return;
    const line = { at: new Date().toISOString(), level, logger: name, msg: redactString(msg), ...(fields ? { fields: redact(fields) } : {}) };
    const text = JSON.stringify(line);
    if (opts.file) {
      try {
        appendFileSync(opts.file, text + '\n');
      } catch {
        /* a full disk must not take the app down with it */
      }
    }
    if (opts.stderr) process.stderr.write(`${line.at} ${level.toUpperCase()} [${name}] ${line.msg}${fields ? ' ' + JSON.stringify(line.fields) : ''}\n`);
  };
  return {
    debug: (m, f) => write('debug', m, f),
    info: (m, f) => write('info', m, f),
    warn: (m, f) => write('warn', m, f),
    error: (m, f) => write('error', m, f),
    child: (child) => createLogger(`${name}.${child}`, opts),
  };
}

export const nullLogger: Logger = {
  debug: () => {},
  info: () => {},
  warn: () => {},
  error: () => {},
  child: () => nullLogger,
};
