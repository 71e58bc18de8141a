// Options every better-sqlite3 connection is opened with. In Electron during development the
// native module built for Electron's ABI lives apart from the Node.js build (scripts/
// electron-native.mjs) and XPW_NATIVE_BINDING names it; everywhere else (Node, the packaged app,
// whose node_modules electron-builder rebuilt) better-sqlite3 finds its own build.
import type Database from 'better-sqlite3';

export function sqliteOptions(options: Database.Options = {}): Database.Options {
  const binding = process.versions.electron ? process.env.XPW_NATIVE_BINDING : undefined;
  return binding ? { ...options, nativeBinding: binding } : options;
}
