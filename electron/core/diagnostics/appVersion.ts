/**
 * The app's version from its package.json, found by walking up from this module (the source tree
 * under tsx and vitest, out/main in a build, the asar in a package). Electron's host passes
 * app.getVersion() instead; this serves the CLI and the browser host.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const PACKAGE_NAME = 'dns-fleet-monitor';

export function packageVersion(from: string = import.meta.url): string {
  let dir = dirname(fileURLToPath(from));
  for (let up = 0; up < 6; up++) {
    try {
      const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: unknown; version?: unknown };
      if (pkg.name === PACKAGE_NAME && typeof pkg.version === 'string') return pkg.version;
    } catch {
      /* not here: one level up */
    }
    dir = dirname(dir);
  }
  return 'unknown';
}
