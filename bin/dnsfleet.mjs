#!/usr/bin/env node
// The `dnsfleet` command: runs the TypeScript CLI host through tsx (a runtime dependency), so the
// installed package needs no separate build step for the CLI.
import { fileURLToPath } from 'node:url';

// better-sqlite3 13 needs Node 22; on older Node it crashes the process without a word.
const major = Number(process.versions.node.split('.')[0]);
if (major < 22) {
  process.stderr.write(`dnsfleet needs Node.js 22 or newer (this is ${process.version}); use 'npm run cli -- …', which brings its own.\n`);
  process.exit(1);
}
const { register } = await import('tsx/esm/api');
register();
await import(fileURLToPath(new URL('../electron/hosts/cli.ts', import.meta.url)));
