import type { LogFields, Logger, LogLevel } from '../platform';
import { redact, redactString } from './redact';
import { RepeatLimiter } from './RepeatLimiter';
import { logFileFor } from './RotatingLogFile';

const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export interface LogSinkOptions {
  /** Minimum level written. */
  level?: LogLevel;
  /** Append JSON lines to this file (created; rotated at maxFileBytes, maxFiles kept). */
  file?: string;
  maxFileBytes?: number;
  maxFiles?: number;
  /** Write human lines to stderr (never stdout: the CLI's stdout is a data channel). */
  stderr?: boolean;
  /** For the repeat limit's intervals (tests). */
  clock?: () => number;
}

/**
 * A named logger whose every line passes through redaction. The only logging path in electron/.
 * Repeated lines (same logger, level and message) are rate-limited; the file is size-capped.
 */
export function createLogger(name: string, opts: LogSinkOptions = {}): Logger {
  const limiter = new RepeatLimiter(opts.clock ?? Date.now);
  return namedLogger(name, opts, limiter);
}

function namedLogger(name: string, opts: LogSinkOptions, limiter: RepeatLimiter): Logger {
  const min = ORDER[opts.level ?? 'info'];
  const file = opts.file ? logFileFor(opts.file, opts.maxFileBytes, opts.maxFiles) : null;
  const emit = (level: LogLevel, msg: string, fields?: LogFields): void => {
    const line = { at: new Date().toISOString(), level, logger: name, msg: redactString(msg), ...(fields ? { fields: redact(fields) } : {}) };
    file?.append(JSON.stringify(line) + '\n');
    if (opts.stderr) process.stderr.write(`${line.at} ${level.toUpperCase()} [${name}] ${line.msg}${fields ? ' ' + JSON.stringify(line.fields) : ''}\n`);
  };
  const write = (level: LogLevel, msg: string, fields?: LogFields): void => {
    if (ORDER[level] < min) return;
    const verdict = limiter.check(`${name}\u0000${level}\u0000${msg}`);
    if (verdict.report) emit(level, `previous message repeated; ${verdict.report.suppressed} more suppressed`, { message: msg, suppressed: verdict.report.suppressed, overMs: verdict.report.sinceMs });
    if (verdict.write) emit(level, msg, fields);
  };
  return {
    debug: (m, f) => write('debug', m, f),
    info: (m, f) => write('info', m, f),
    warn: (m, f) => write('warn', m, f),
    error: (m, f) => write('error', m, f),
    child: (child) => namedLogger(`${name}.${child}`, opts, limiter),
  };
}

export const nullLogger: Logger = {
  debug: () => {},
  info: () => {},
  warn: () => {},
  error: () => {},
  child: () => nullLogger,
};
