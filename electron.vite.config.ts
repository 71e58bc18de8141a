// electron-vite: main (ESM), preload (CommonJS, required by sandboxed preloads) and renderer.
// The contract worker (electron/worker/contract-worker.ts) is an entry of the main build of its
// own: out/main/contract-worker.js, started by the main bundle as a worker thread.
import { resolve } from 'node:path';
import { defineConfig, externalizeDepsPlugin } from 'electron-vite';
import { rendererConfig } from './renderer.vite.config';
import { licensesPlugin } from './scripts/build/licenses-plugin';

export default defineConfig({
  main: {
    // licenses.json: what the package ships, for バージョン情報.
    plugins: [externalizeDepsPlugin(), licensesPlugin(import.meta.dirname, 'main')],
    build: {
      outDir: 'out/main',
      rollupOptions: {
        input: {
          index: resolve(import.meta.dirname, 'electron/main/index.ts'),
          'contract-worker': resolve(import.meta.dirname, 'electron/worker/contract-worker.ts'),
        },
      },
    },
  },
  preload: {
    plugins: [externalizeDepsPlugin()],
    build: {
      outDir: 'out/preload',
      rollupOptions: {
        input: { index: resolve(import.meta.dirname, 'electron/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: rendererConfig(import.meta.dirname),
});
