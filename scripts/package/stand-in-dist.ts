// A stand-in for Electron's unpacked Linux distribution, for electron-builder's `electronDist`:
// what electron-builder copies and renames (the `electron` executable, LICENSE, locales/*.pak,
// resources/) without the 100 MB download. The executable is a shell script that carries a fuse
// wire in Electron's layout (sentinel, version 1, length, one byte per fuse, Electron's
// defaults) so that electron-builder flips the configured fuses on it exactly as on the real
// binary, and the check can read them back with @electron/fuses.
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const FUSE_SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
/** Electron 45's fuse defaults, in wire order (RunAsNode … GrantFileProtocolExtraPrivileges). */
const DEFAULT_FUSES = '10110001';

export function makeStandInElectronDist(dir: string): string {
  mkdirSync(join(dir, 'locales'), { recursive: true });
  mkdirSync(join(dir, 'resources'), { recursive: true });
  const wire = Buffer.concat([Buffer.from(FUSE_SENTINEL, 'ascii'), Buffer.from([1, DEFAULT_FUSES.length]), Buffer.from(DEFAULT_FUSES, 'ascii')]);
  const script = Buffer.concat([
    Buffer.from('#!/bin/sh\n# Stand-in for the Electron binary (packaging check only; it cannot run the app).\necho "stand-in Electron" >&2\nexit 1\n# fuse wire: ', 'ascii'),
    wire,
    Buffer.from('\n', 'ascii'),
  ]);
  writeFileSync(join(dir, 'electron'), script);
  chmodSync(join(dir, 'electron'), 0o755);
  writeFileSync(join(dir, 'LICENSE'), 'Stand-in for Electron\'s LICENSE (MIT).\n');
  writeFileSync(join(dir, 'LICENSES.chromium.html'), '<!doctype html><title>stand-in</title>\n');
  for (const locale of ['ja', 'en-US', 'de', 'zh-CN']) writeFileSync(join(dir, 'locales', `${locale}.pak`), locale);
  writeFileSync(join(dir, 'version'), 'stand-in');
  return dir;
}
