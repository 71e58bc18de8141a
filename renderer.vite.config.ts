// The renderer's Vite config, shared by electron-vite (electron.vite.config.ts) and a plain
// `vite build --config renderer.vite.config.ts`. Paths are derived from the project root that the
// caller passes, because a bundled config file does not keep its own location.
import react from '@vitejs/plugin-react';
import { resolve } from 'node:path';
import { defineConfig, type UserConfig } from 'vite';
import { licensesPlugin } from './scripts/build/licenses-plugin';

export function rendererConfig(projectRoot: string): UserConfig {
  return {
    root: resolve(projectRoot, 'renderer'),
    base: './',
    // licenses.json: the packages in the page's bundle, for バージョン情報.
    plugins: [react(), licensesPlugin(projectRoot, 'renderer')],
    build: {
      outDir: resolve(projectRoot, 'out/renderer'),
      emptyOutDir: true,
      // No inline scripts or styles: the CSP allows only 'self'.
      assetsInlineLimit: 0,
      modulePreload: { polyfill: false },
      rollupOptions: { input: resolve(projectRoot, 'renderer/index.html') },
    },
  };
}

export default defineConfig(rendererConfig(import.meta.dirname));
