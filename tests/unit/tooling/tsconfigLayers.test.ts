// The per-runtime tsconfigs, checked with TypeScript's own API on small in-memory files placed in each
// layer's folder: a global from the wrong runtime must not typecheck, one from the right runtime must.
import { dirname, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

type Probes = Record<string, string>;

/** Type errors per probe file, compiled with the options of `project` (nothing is written to disk). */
function typeErrors(project: string, probes: Probes): Record<string, string[]> {
  const configPath = resolve(project);
  const parsed = ts.parseJsonConfigFileContent(ts.readConfigFile(configPath, ts.sys.readFile).config, ts.sys, dirname(configPath));
  const files = new Map(Object.entries(probes).map(([file, code]) => [resolve(file), code]));
  const host = ts.createCompilerHost(parsed.options);
  const readSource = host.getSourceFile.bind(host);
  host.getSourceFile = (name, language, ...rest) => {
    const code = files.get(resolve(name));
    return code === undefined ? readSource(name, language, ...rest) : ts.createSourceFile(name, code, language);
  };
  const fileExists = host.fileExists.bind(host);
  host.fileExists = (name) => files.has(resolve(name)) || fileExists(name);
  const program = ts.createProgram([...files.keys()], parsed.options, host);
  const errors: Record<string, string[]> = Object.fromEntries(Object.keys(probes).map((f) => [f, []]));
  for (const d of ts.getPreEmitDiagnostics(program)) {
    const file = Object.keys(probes).find((f) => d.file && resolve(f) === resolve(d.file.fileName));
    if (file) errors[file]!.push(ts.flattenDiagnosticMessageText(d.messageText, '\n'));
  }
  return errors;
}

// Each case builds a program with the full lib set: seconds of CPU, more on a loaded machine.
describe('tsconfig per runtime', { timeout: 60_000 }, () => {
  it('shared/ knows neither the DOM nor Node', () => {
    const errors = typeErrors('tsconfig.shared.json', {
      'shared/domain/probeBuffer.ts': "export const b = Buffer.from('x');\n",
      'shared/domain/probeProcess.ts': 'export const e = process.env.HOME;\n',
      'shared/domain/probeDocument.ts': 'export const t = document.title;\n',
      'shared/domain/probeClean.ts': "export const n: number = Number.parseInt('7', 10);\n",
    });
    expect(errors['shared/domain/probeBuffer.ts']!.join()).toMatch(/Cannot find name 'Buffer'/);
    expect(errors['shared/domain/probeProcess.ts']!.join()).toMatch(/Cannot find name 'process'/);
    expect(errors['shared/domain/probeDocument.ts']!.join()).toMatch(/Cannot find name 'document'/);
    expect(errors['shared/domain/probeClean.ts']).toEqual([]);
  });

  it('the core and Node hosts know Node but not the DOM', () => {
    const errors = typeErrors('tsconfig.node.json', {
      'electron/core/fleet/probeDocument.ts': 'export const t = document.title;\n',
      'electron/hosts/probeWindow.ts': 'export const w = window.innerWidth;\n',
      'electron/core/fleet/probeNode.ts': "export const b: Buffer = Buffer.from(process.env.HOME ?? '');\n",
    });
    expect(errors['electron/core/fleet/probeDocument.ts']!.join()).toMatch(/Cannot find name 'document'/);
    expect(errors['electron/hosts/probeWindow.ts']!.join()).toMatch(/Cannot find name 'window'/);
    expect(errors['electron/core/fleet/probeNode.ts']).toEqual([]);
  });

  it('the renderer knows the DOM but not Node', () => {
    const errors = typeErrors('tsconfig.web.json', {
      'renderer/src/probeProcess.ts': 'export const e = process.env.HOME;\n',
      'renderer/src/probeBuffer.ts': "export const b = Buffer.from('x');\n",
      'renderer/src/probeDom.ts': 'export const t: string = document.title;\n',
    });
    expect(errors['renderer/src/probeProcess.ts']!.join()).toMatch(/Cannot find name 'process'/);
    expect(errors['renderer/src/probeBuffer.ts']!.join()).toMatch(/Cannot find name 'Buffer'/);
    expect(errors['renderer/src/probeDom.ts']).toEqual([]);
  });
});
