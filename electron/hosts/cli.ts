/**
 * `dnsfleet`: the headless host. Each command lives in cli/<command>.ts; stdout carries data
 * (tables or JSON lines), stderr carries logs and progress.
 */
import { diagnoseCommand } from './cli/diagnose';
import { analyticsCommand } from './cli/analytics';
import { eventsCommand } from './cli/events';
import { exportCommand } from './cli/export';
import { forwardingCommand } from './cli/forwarding';
import { inspectCommand } from './cli/inspect';
import { monitorCommand } from './cli/monitor';
import { serversCommand } from './cli/servers';
import { settingsCommand } from './cli/settings';

const USAGE = `dnsfleet — DNS Fleet Monitor, headless

  dnsfleet monitor --data-dir <dir> [--config <fleet.json>] [--json] [--for <seconds>] [--totp-env <VAR>]
                   [--metrics-listen 127.0.0.1:9469 [--metrics-allow-remote]]
  dnsfleet inspect --data-dir <dir> --server <id> [--config <fleet.json>] [--json] [--watch [--for <seconds>]] [--wait <seconds>]
  dnsfleet events  --data-dir <dir> [--server id] [--category c] [--severity s] [--type t] [--since ISO] [--search text] [--limit n] [--json]
  dnsfleet export  --data-dir <dir> --format csv|ndjson --out <file> [the filters of events]
  dnsfleet servers add|list|remove|test|import|export --data-dir <dir> ...
  dnsfleet settings get --data-dir <dir> [<key>] [--json]
  dnsfleet settings set --data-dir <dir> <key> <value>
  dnsfleet analytics --data-dir <dir> [--server id] [--range 15m|1h|24h] [--top n] [--json]
  dnsfleet forwarding status [--pending] [--alert id] [--json] | set-secret --id <webhook> [--url] [--secret-stdin] | test   --data-dir <dir>
  dnsfleet diagnose --data-dir <dir> --out <file.zip> [--force]

See README.md for every option.`;

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const io = { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr, isTTY: Boolean(process.stdin.isTTY) };
  switch (command) {
    case 'monitor':
      return monitorCommand(rest, io);
    case 'events':
      return eventsCommand(rest, io);
    case 'inspect':
      return inspectCommand(rest, io);
    case 'export':
      return exportCommand(rest, io);
    case 'servers':
      return serversCommand(rest, io);
    case 'settings':
      return settingsCommand(rest, io);
    case 'forwarding':
      return forwardingCommand(rest, io);
    case 'diagnose':
      return diagnoseCommand(rest, io);
    case 'analytics':
      return analyticsCommand(rest, io);
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      process.stdout.write(USAGE + '\n');
      return command === undefined ? 2 : 0;
    default:
      process.stderr.write(`dnsfleet: unknown command "${command}"\n\n${USAGE}\n`);
      return 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`dnsfleet: ${(err as Error)?.message ?? String(err)}\n`);
    process.exitCode = 1;
  },
);
