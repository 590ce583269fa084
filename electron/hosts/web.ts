/**
 * The browser host: the same core and the same renderer, served on 127.0.0.1 with the contract
 * carried over a token-protected WebSocket. For wall displays and machines without Electron.
 *   npm run web -- [--port 5317] [--data-dir <dir>] [--demo] [--json]
 */
import { parseArgs } from 'node:util';
import { join, resolve } from 'node:path';
import { createCore } from '../core/compose';
import type { Logger } from '../core/platform';
import { createLogger } from '../core/util/logger';
import { startWebBridge } from './web/WebBridge';
import { runDemoFleet, type RunningDemo } from './demoFleet';
import { nodePaths, untilStopped } from './nodePlatform';

export interface WebHostOptions {
  port: number;
  dataDir?: string;
  demo: boolean;
  json: boolean;
  healthIntervalMs?: number;
}

export async function runWebHost(o: WebHostOptions): Promise<number> {
  const paths = nodePaths(o.dataDir);
  const logger = createLogger('web', { file: join(paths.logsDir, 'web.log'), stderr: !o.json, level: 'info' });
  let demo: RunningDemo | undefined;
  const core = await createCore({
    host: 'web',
    paths,
    logger,
    notifier: { notify: () => {} }, // the page shows alerts:onDidRaise as toasts + browser notifications
    demo: async () => {
      demo ??= await runDemoFleet({ healthIntervalMs: o.healthIntervalMs });
      return demo;
    },
  });
  keepServingOnStrayErrors(logger);
  const bridge = await startWebBridge({ core, port: o.port, staticDir: resolve('out/renderer'), exportsDir: paths.exportsDir, logger: logger.child('bridge') });
  core.start();
  if (o.demo) await core.handlers['fleet:startDemo']({});
  if (o.json) {
    process.stdout.write(JSON.stringify({ kind: 'url', url: bridge.url }) + '\n');
    for (const e of demo?.emulators ?? []) process.stdout.write(JSON.stringify({ kind: 'emulator', name: e.name, url: e.url }) + '\n');
  } else {
    process.stdout.write(`DNS Fleet Monitor is running in your browser at:\n  ${bridge.url}\n(data: ${paths.dataDir}; Ctrl+C to stop)\n`);
  }
  const why = await untilStopped();
  logger.info('stopping', { why });
  await bridge.close();
  await core.dispose();
  await demo?.close();
  return 0;
}

/**
 * The last line of defence for "never stop watching": every listener that takes outside input is
 * already wrapped, but should one slip through, an unhandled rejection from one bad message is
 * logged instead of ending the process (Node's default) and every tab and emulator with it.
 */
function keepServingOnStrayErrors(logger: Logger): void {
  process.on('unhandledRejection', (err) => logger.error('unhandled rejection (kept serving)', { err }));
}

export function parseWebArgs(argv: string[]): WebHostOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: 'string', default: '5317' },
      'data-dir': { type: 'string' },
      demo: { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
      'health-interval-ms': { type: 'string' },
      browser: { type: 'boolean', default: false },
    },
    strict: true,
  });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be 0..65535, got ${values.port}`);
  const hi = values['health-interval-ms'] ? Number(values['health-interval-ms']) : undefined;
  return { port, dataDir: values['data-dir'], demo: values.demo, json: values.json, healthIntervalMs: hi };
}

const isEntry = process.argv[1] && /hosts[\\/]web\.ts$/.test(process.argv[1]);
if (isEntry) {
  runWebHost(parseWebArgs(process.argv.slice(2))).then(
    (code) => process.exit(code),
    (err: unknown) => {
      process.stderr.write(`web host: ${(err as Error)?.message ?? err}\n`);
      process.exit(1);
    },
  );
}
