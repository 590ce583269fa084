// The layering rules of eslint.config.js, run through ESLint's own API on small snippets placed (by
// filePath) in each folder: every deliberate violation must be reported, and clean code must not be.
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

let eslint: ESLint;
beforeAll(async () => {
  eslint = new ESLint({ cwd: process.cwd() });
  // Loading the config and the TypeScript parser takes seconds on a loaded machine; do it once, here.
  await eslint.lintText('export {};\n', { filePath: 'shared/domain/warmUp.ts' });
}, 60_000);

async function ruleIds(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).map((m) => m.ruleId ?? `fatal: ${m.message}`);
}

const CORE = 'electron/core/fleet/LayerProbe.ts';
const RENDERER = 'renderer/src/components/LayerProbe.tsx';
const SHARED = 'shared/domain/layerProbe.ts';

describe('electron/core', () => {
  it('may not import electron', async () => {
    expect(await ruleIds(CORE, "import { app } from 'electron';\nexport const a = app;\n")).toContain('no-restricted-imports');
  });
  it('may not import the emulator or a host, statically or lazily', async () => {
    expect(await ruleIds(CORE, "import { startDemoFleet } from '../../emulator/demoFleet';\nexport const s = startDemoFleet;\n")).toContain('layers/import-boundary');
    expect(await ruleIds(CORE, "export const h = () => import('../../hosts/demoFleet');\n")).toContain('layers/import-boundary');
    expect(await ruleIds(CORE, "export * from '../../main/window';\n")).toContain('layers/import-boundary');
  });
  it('may not use document or window', async () => {
    expect(await ruleIds(CORE, 'export const t = document.title;\n')).toContain('no-restricted-globals');
    expect(await ruleIds(CORE, 'export const w = window.innerWidth;\n')).toContain('no-restricted-globals');
  });
  it('may import core, shared and Node', async () => {
    const code = "import { join } from 'node:path';\nimport type { ServerId } from '../../../shared/domain/ids';\nimport { Emitter } from '../util/Emitter';\nexport const x: [typeof join, ServerId | null, typeof Emitter] = [join, null, Emitter];\n";
    expect(await ruleIds(CORE, code)).toEqual([]);
  });
});

describe('electron/hosts and electron/emulator', () => {
  const HOST = 'electron/hosts/cli/LayerProbe.ts';
  const EMULATOR = 'electron/emulator/layerProbe.ts';
  it('the Node hosts may not import electron, main or the renderer, and may use core and the emulator', async () => {
    expect(await ruleIds(HOST, "import { app } from 'electron';\nexport const a = app;\n")).toContain('no-restricted-imports');
    expect(await ruleIds(HOST, "export * from '../../main/window';\n")).toContain('layers/import-boundary');
    expect(await ruleIds(HOST, "export * from '../../../renderer/src/api/FleetClient';\n")).toContain('layers/import-boundary');
    expect(await ruleIds(HOST, "export { createCore } from '../../core/compose';\nexport { startDemoFleet } from '../../emulator/demoFleet';\n")).toEqual([]);
  });
  it('the emulator may not import the adapter it fakes', async () => {
    expect(await ruleIds(EMULATOR, "export { Normaliser } from '../core/hybrid-dns/Normaliser';\n")).toContain('layers/import-boundary');
    expect(await ruleIds(EMULATOR, 'export const t = document.title;\n')).toContain('no-restricted-globals');
  });
});

describe('renderer', () => {
  it('may not import node builtins or electron', async () => {
    expect(await ruleIds(RENDERER, "import { readFileSync } from 'node:fs';\nexport const r = readFileSync;\n")).toContain('no-restricted-imports');
    expect(await ruleIds(RENDERER, "import { join } from 'path';\nexport const j = join;\n")).toContain('no-restricted-imports');
    expect(await ruleIds(RENDERER, "import { ipcRenderer } from 'electron';\nexport const i = ipcRenderer;\n")).toContain('no-restricted-imports');
  });
  it('may not reach into electron/', async () => {
    expect(await ruleIds(RENDERER, "import { createCore } from '../../../electron/core/compose';\nexport const c = createCore;\n")).toContain('layers/import-boundary');
  });
  it('may not use process or Buffer', async () => {
    expect(await ruleIds(RENDERER, 'export const e = process.env.HOME;\n')).toContain('no-restricted-globals');
    expect(await ruleIds(RENDERER, "export const b = Buffer.from('x');\n")).toContain('no-restricted-globals');
  });
  it('may use the DOM and shared', async () => {
    const code = "import type { ServerId } from '../../../shared/domain/ids';\nexport const t: [string, ServerId | null] = [document.title, null];\n";
    expect(await ruleIds(RENDERER, code)).toEqual([]);
  });
});

describe('shared', () => {
  it('may import only shared and zod', async () => {
    expect(await ruleIds(SHARED, "import { z } from 'zod';\nimport type { ServerId } from './ids';\nimport type { Alert } from '../domain/alert';\nexport const s: [typeof z, ServerId | null, Alert | null] = [z, null, null];\n")).toEqual([]);
    expect(await ruleIds(SHARED, "import { readFileSync } from 'node:fs';\nexport const r = readFileSync;\n")).toContain('layers/import-boundary');
    expect(await ruleIds(SHARED, "import { Emitter } from '../../electron/core/util/Emitter';\nexport const e = Emitter;\n")).toContain('layers/import-boundary');
    expect(await ruleIds(SHARED, "import React from 'react';\nexport const r = React;\n")).toContain('layers/import-boundary');
  });
  it('may use neither DOM nor Node globals', async () => {
    expect(await ruleIds(SHARED, "export const b = Buffer.from('x');\n")).toContain('no-restricted-globals');
    expect(await ruleIds(SHARED, 'export const e = process.env.HOME;\n')).toContain('no-restricted-globals');
    expect(await ruleIds(SHARED, 'export const t = document.title;\n')).toContain('no-restricted-globals');
  });
});
