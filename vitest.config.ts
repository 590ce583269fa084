import { defineConfig } from 'vitest/config';
import { fileURLToPath } from 'node:url';

// Unit and integration tests run under plain Node 22 (the `node` devDependency).
// `electron` is aliased to a stub so nothing tries to download or load the binary.
export default defineConfig({
  resolve: {
    alias: {
      electron: fileURLToPath(new URL('./tests/stubs/electron.ts', import.meta.url)),
    },
  },
  test: {
    include: ['tests/unit/**/*.test.ts', 'tests/integration/**/*.test.ts', 'tests/unit/**/*.test.tsx'],
    environment: 'node',
    testTimeout: 20_000,
    hookTimeout: 20_000,
    pool: 'forks',
    server: { deps: { inline: ['electron-store'] } },
  },
});
