/**
 * `npm run demo`: the app with three emulated servers on loopback. Uses the Electron window when
 * the Electron runtime can run here (binary installed and a display); otherwise serves the browser
 * host and prints its URL on stdout.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';
import { spawn } from 'node:child_process';
import { parseWebArgs, runWebHost } from './web';

/**
 * The installed Electron binary, or null. Reads the electron package's path.txt rather than
 * `require('electron')`, which would try to download a missing binary (impossible offline).
 */
function electronBinary(): string | null {
  let dir: string;
  try {
    dir = dirname(createRequire(import.meta.url).resolve('electron/package.json'));
  } catch {
    return null;
  }
  const pathFile = join(dir, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const bin = join(process.env.ELECTRON_OVERRIDE_DIST_PATH ?? join(dir, 'dist'), readFileSync(pathFile, 'utf8').trim());
  return existsSync(bin) ? bin : null;
}

const argv = process.argv.slice(2);
const forceBrowser = argv.includes('--browser');
const hasDisplay = process.platform !== 'linux' || Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
const electron = forceBrowser ? null : electronBinary();

if (electron && hasDisplay) {
  const child = spawn(electron, ['.', '--demo'], { stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
} else {
  if (!forceBrowser) {
    const why = electron ? 'no display' : 'the Electron binary is not installed (npx install-electron)';
    process.stderr.write(`Electron cannot run here (${why}); serving the browser host instead.\n`);
  }
  const opts = parseWebArgs(argv.filter((a) => a !== '--browser'));
  runWebHost({ ...opts, demo: true }).then(
    (code) => process.exit(code),
    (err: unknown) => {
      process.stderr.write(`demo: ${(err as Error)?.message ?? err}\n`);
      process.exit(1);
    },
  );
}
