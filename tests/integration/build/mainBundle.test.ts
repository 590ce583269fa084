// The Electron main bundle must not carry the emulator: it is loaded by a dynamic import only when the
// demo is asked for. Builds the app with the real config into a temporary folder and looks for any
// function or class the emulator exports being declared in out/main/index.js.
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const EMULATOR_DIR = 'electron/emulator';
let outDir: string;

function emulatorDeclarations(): string[] {
  const names = new Set<string>();
  for (const file of readdirSync(EMULATOR_DIR).filter((f) => f.endsWith('.ts'))) {
    const source = readFileSync(join(EMULATOR_DIR, file), 'utf8');
    for (const m of source.matchAll(/^export (?:async )?(?:function|class) ([A-Za-z0-9_]+)/gm)) names.add(m[1]!);
  }
  return [...names];
}

function declared(bundle: string, names: string[]): string[] {
  return names.filter((n) => new RegExp(`\\b(?:function|class) ${n}\\b`).test(bundle));
}

beforeAll(async () => {
  outDir = mkdtempSync(join(tmpdir(), 'dnsfleet-build-'));
  await promisify(execFile)('npx', ['electron-vite', 'build', '--outDir', outDir, '--logLevel', 'error'], { timeout: 150_000 });
}, 180_000);
afterAll(() => rmSync(outDir, { recursive: true, force: true }));

describe('out/main/index.js', () => {
  it('declares none of the emulator', () => {
    const names = emulatorDeclarations();
    expect(names).toContain('startDemoFleet');
    expect(declared(readFileSync(join(outDir, 'main/index.js'), 'utf8'), names)).toEqual([]);
  });

  it('imports the demo fleet lazily from a chunk of its own', () => {
    const index = readFileSync(join(outDir, 'main/index.js'), 'utf8');
    const lazy = [...index.matchAll(/import\("\.\/(chunks\/[^"]+\.js)"\)/g)].map((m) => m[1]!);
    const chunks = lazy.map((c) => readFileSync(join(outDir, 'main', c), 'utf8'));
    expect(chunks.some((c) => declared(c, ['startDemoFleet']).length === 1)).toBe(true);
  });
});
