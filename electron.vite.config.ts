import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';
import { resolve } from 'node:path';

// Three bundles: main (Electron host + core), preload (the narrow bridge), renderer (React UI).
// Native modules stay external: they are Node-API builds loaded at run time, never bundled.
const external = ['better-sqlite3', 'keytar', 'electron-store', 'ws', 'bufferutil', 'utf-8-validate'];

export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      // The event log's writer runs in a worker thread; WriterChannel looks for writerWorker.js next to the bundle.
      rollupOptions: {
        input: { index: resolve(__dirname, 'electron/main/index.ts'), writerWorker: resolve(__dirname, 'electron/core/eventlog/writerWorker.ts') },
        external,
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      rollupOptions: { input: { index: resolve(__dirname, 'electron/preload/index.ts') }, output: { format: 'cjs' } },
    },
  },
  renderer: {
    root: 'renderer',
    plugins: [react()],
    build: {
      outDir: resolve(__dirname, 'out/renderer'),
      emptyOutDir: true,
      chunkSizeWarningLimit: 2000,
      rollupOptions: { input: resolve(__dirname, 'renderer/index.html') },
    },
  },
});
