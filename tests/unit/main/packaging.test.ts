/**
 * electron-builder.yml checked against what the app needs: targets, native modules outside the
 * asar, icons at the sizes each platform asks for, the libsecret dependency, and the fuses.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { APP_USER_MODEL_ID } from '../../../electron/main/electronApi';
import { TRAY_LEVELS, trayIconFile } from '../../../electron/main/trayModel';

const root = process.cwd();
const yaml = createRequire(import.meta.url)('js-yaml') as { load(text: string): unknown };
type Builder = Record<string, unknown> & {
  appId: string;
  asarUnpack: string[];
  files: string[];
  electronFuses: Record<string, boolean>;
  linux: { target: string[]; icon: string };
  win: { target: string[]; icon: string };
  mac: { target: string[]; icon: string };
  deb: { depends: string[] };
};
const builder = yaml.load(readFileSync(join(root, 'electron-builder.yml'), 'utf8')) as Builder;
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as Record<string, Record<string, string>>;

const pngSize = (file: string): number => {
  const b = readFileSync(file);
  expect(b.subarray(1, 4).toString('latin1'), file).toBe('PNG');
  return b.readUInt32BE(16); // IHDR width (all our icons are square)
};
const icoSizes = (file: string): number[] => {
  const b = readFileSync(file);
  expect(b.readUInt16LE(2), file).toBe(1);
  return Array.from({ length: b.readUInt16LE(4) }, (_, i) => b[6 + 16 * i] || 256);
};
/** A package is native when it ships a binding.gyp or a prebuilt .node file. */
const isNative = (name: string): boolean => {
  const dir = join(root, 'node_modules', name);
  if (!existsSync(dir)) return false;
  if (existsSync(join(dir, 'binding.gyp'))) return true;
  return readdirSync(dir, { recursive: true }).some((f) => String(f).endsWith('.node'));
};

describe('electron-builder.yml', () => {
  it('builds installers for every platform, with the appId Windows notifications are tied to', () => {
    expect(builder.appId).toBe(APP_USER_MODEL_ID);
    expect(builder.linux.target).toEqual(expect.arrayContaining(['AppImage', 'deb']));
    expect(builder.win.target).toContain('nsis');
    expect(builder.mac.target).toContain('dmg');
    expect(builder.files).toEqual(expect.arrayContaining(['out/**', 'resources/**']));
  });

  it('keeps every native runtime dependency outside the asar', () => {
    const runtime = Object.keys({ ...pkg.dependencies, ...pkg.optionalDependencies });
    const native = runtime.filter(isNative);
    expect(native).toEqual(expect.arrayContaining(['better-sqlite3']));
    for (const name of native) expect(builder.asarUnpack, name).toContain(`**/node_modules/${name}/**`);
    expect(builder.asarUnpack).toContain('**/*.node');
  });

  it('depends on libsecret (keytar) and keeps electron-builder\'s default deb dependencies', () => {
    expect(builder.deb.depends).toEqual(expect.arrayContaining(['libsecret-1-0', 'libgtk-3-0', 'libnss3', 'libnotify4', 'xdg-utils']));
  });

  it('flips the security fuses', () => {
    expect(builder.electronFuses).toMatchObject({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
    });
  });

  it('has app icons at the sizes each installer needs', () => {
    expect(pngSize(join(root, builder.linux.icon))).toBeGreaterThanOrEqual(512);
    expect(pngSize(join(root, builder.mac.icon))).toBeGreaterThanOrEqual(512);
    expect(icoSizes(join(root, builder.win.icon))).toEqual(expect.arrayContaining([16, 24, 32, 48, 256]));
  });
});

describe('tray and badge icons', () => {
  it.each(TRAY_LEVELS)('%s: macOS template 16 + @2x 32, Windows ICO 16/24/32, Linux 22 + @2x 44 and 24 + @2x 48', (level) => {
    const res = (f: string) => join(root, 'resources', f);
    const mac = res(trayIconFile(level, 'darwin'));
    expect(mac).toMatch(/Template\.png$/);
    expect(pngSize(mac)).toBe(16);
    expect(pngSize(mac.replace('.png', '@2x.png'))).toBe(32);
    expect(icoSizes(res(trayIconFile(level, 'win32')))).toEqual([16, 24, 32]);
    const linux = res(trayIconFile(level, 'linux'));
    expect(pngSize(linux)).toBe(22);
    expect(pngSize(linux.replace('.png', '@2x.png'))).toBe(44);
    expect(pngSize(linux.replace('.png', '-24.png'))).toBe(24);
    expect(pngSize(linux.replace('.png', '-24@2x.png'))).toBe(48);
  });

  it('every level has its own shape, not only its own colour (the macOS template images differ)', () => {
    const masks = TRAY_LEVELS.map((level) => readFileSync(join(root, 'resources', trayIconFile(level, 'darwin').replace('.png', '@2x.png'))).toString('base64'));
    expect(new Set(masks).size).toBe(TRAY_LEVELS.length);
  });

  it('has the Windows overlay badge', () => {
    expect(pngSize(join(root, 'resources', 'badge', 'overlay-alert.png'))).toBe(16);
  });
});
