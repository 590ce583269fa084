#!/usr/bin/env node
// The `dnsfleet` command: runs the TypeScript CLI host through tsx (a runtime dependency), so the
// installed package needs no separate build step for the CLI.
import { register } from 'tsx/esm/api';
import { fileURLToPath } from 'node:url';

register();
await import(fileURLToPath(new URL('../electron/hosts/cli.ts', import.meta.url)));
