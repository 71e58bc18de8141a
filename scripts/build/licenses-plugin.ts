// A Rollup/Vite plugin that writes licenses.json next to a bundle: the packages the bundle
// contains (from its module ids), and for the main process also every production dependency it
// loads from node_modules at run time, with the build's date and the bundled fonts. Read by
// バージョン情報 (electron/services/about/about.ts).
import type { Plugin } from 'vite';
import { bundledFonts, librariesOfModules, productionLibraries, sortLibraries } from '../../electron/services/about/licenses';

export function licensesPlugin(projectRoot: string, bundle: 'main' | 'renderer'): Plugin {
  return {
    name: 'xpw-licenses',
    apply: 'build',
    generateBundle() {
      const bundled = librariesOfModules(this.getModuleIds());
      const libraries = bundle === 'main' ? sortLibraries([...productionLibraries(projectRoot), ...bundled]) : bundled;
      const content = { builtAt: new Date().toISOString(), libraries, fonts: bundle === 'main' ? bundledFonts(projectRoot) : [] };
      this.emitFile({ type: 'asset', fileName: 'licenses.json', source: `${JSON.stringify(content, null, 1)}\n` });
    },
  };
}
