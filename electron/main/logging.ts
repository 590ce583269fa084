/** The main process's logger: JSON lines in logsDir/main.log (redacted), stderr during development. */
import { join } from 'node:path';
import type { AppPaths, Logger } from '../core/platform';
import { createLogger } from '../core/util/logger';

export function createMainLogger(paths: AppPaths, opts: { isPackaged: boolean }): Logger {
  return createLogger('main', {
    file: join(paths.logsDir, 'main.log'),
    stderr: !opts.isPackaged,
    level: process.env.DNSFLEET_LOG_LEVEL === 'debug' ? 'debug' : 'info',
  });
}
