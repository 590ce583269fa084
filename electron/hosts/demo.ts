/**
 * `npm run demo`: the app with three emulated servers on loopback. Uses the Electron window when
 * the Electron runtime can run here (binary installed and a display); otherwise serves the browser
 * host and prints its URL on stdout.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { spawn } from 'node:child_process';
import { parseWebArgs, runWebHost } from './web';

function electronBinary(): string | null {
  try {
    const p = createRequire(import.meta.url)('electron') as unknown;
    return typeof p === 'string' && existsSync(p) ? p : null;
  } catch {
    return null;
  }
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
