import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import layers from './scripts/lint/importBoundary.js';

// Process boundaries are enforced here (architecture.md, house rule 4) and by one tsconfig per runtime.
// tests/unit/tooling/lintLayers.test.ts proves each rule rejects a deliberate violation.
const nodeBuiltins = ['node:*', 'fs', 'path', 'os', 'child_process', 'net', 'http', 'https', 'crypto', 'events', 'stream', 'url', 'util', 'worker_threads', 'buffer'];
const domGlobals = ['document', 'window', 'navigator', 'localStorage', 'sessionStorage', 'location', 'HTMLElement', 'alert'].map((name) => ({
  name,
  message: 'The DOM exists only in the renderer.',
}));
const nodeGlobals = ['process', 'Buffer', 'require', 'module', '__dirname', '__filename', 'global', 'setImmediate', 'clearImmediate'].map((name) => ({
  name,
  message: 'Node globals do not exist in the sandboxed renderer.',
}));

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'tests/fixtures/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/no-explicit-any': 'error',
      'no-console': 'off',
    },
  },
  {
    // The core runs under plain Node in the CLI, the browser host and every test: no electron, no DOM,
    // and no emulator or host code (the hosts inject the demo fleet).
    files: ['electron/core/**/*.ts'],
    plugins: { layers },
    rules: {
      'no-restricted-imports': ['error', { paths: [{ name: 'electron', message: 'electron/core must run under plain Node.' }] }],
      'no-restricted-globals': ['error', ...domGlobals],
      'layers/import-boundary': ['error', { folders: ['electron/core', 'shared'] }],
    },
  },
  {
    // The CLI and the browser host run the core under plain Node; they may start the emulator (demo).
    files: ['electron/hosts/**/*.ts'],
    plugins: { layers },
    rules: {
      'no-restricted-imports': ['error', { paths: [{ name: 'electron', message: 'The Node hosts run without Electron.' }] }],
      'no-restricted-globals': ['error', ...domGlobals],
      'layers/import-boundary': ['error', { folders: ['electron/hosts', 'electron/core', 'electron/emulator', 'shared'] }],
    },
  },
  {
    // The emulator is the fake the adapter is tested against: sharing the adapter's code would hide the
    // very mistakes it exists to catch, so it imports nothing from electron/core (ARCHITECTURE.md).
    files: ['electron/emulator/**/*.ts'],
    plugins: { layers },
    rules: {
      'no-restricted-imports': ['error', { paths: [{ name: 'electron', message: 'The emulator runs under plain Node.' }] }],
      'no-restricted-globals': ['error', ...domGlobals],
      'layers/import-boundary': ['error', { folders: ['electron/emulator', 'shared'] }],
    },
  },
  {
    files: ['electron/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: { 'no-console': 'error' },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks, layers },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': ['error', { paths: [{ name: 'electron', message: 'The renderer talks only to renderer/src/api.' }], patterns: nodeBuiltins }],
      'no-restricted-globals': ['error', ...nodeGlobals],
      'layers/import-boundary': ['error', { folders: ['renderer', 'shared'] }],
    },
  },
  {
    // Runs in every runtime: neither DOM nor Node, and nothing but itself and zod.
    files: ['shared/**/*.ts'],
    plugins: { layers },
    rules: {
      'no-restricted-globals': ['error', ...domGlobals, ...nodeGlobals],
      'layers/import-boundary': ['error', { folders: ['shared'], packages: ['zod'] }],
    },
  },
);
