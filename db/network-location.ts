// Is a database path on a network share? SQLite's locking is unreliable over SMB/NFS, so such a
// file is refused. `\\server\share\…` is plain from the text; a mapped drive (Z: → \\server\share)
// or a mounted share is not, so the platform is asked where it can tell, offline and cheaply:
// - Windows: the final path of the nearest existing folder (fs.realpathSync.native, i.e.
//   GetFinalPathNameByHandle) is a UNC path for a folder on a mapped network drive;
// - Linux: the file-system type of the folder (statfs f_type) is NFS, SMB or CIFS.
// The decision (networkLocation) takes these facts as input so that it is tested with the facts
// of any platform; locationFacts gathers the real ones.
import { realpathSync, statfsSync } from 'node:fs';
import { dirname } from 'node:path';

/** `\\server\share\…` or `//server/share/…` (not `\\?\C:\…`). */
export function isNetworkPath(file: string): boolean {
  return /^(\\\\|\/\/)[^\\/]+[\\/]/.test(file) && !/^\\\\\?\\[a-z]:/i.test(file);
}

/** statfs f_type of network file systems (Linux magic numbers, see statfs(2)). */
export const NETWORK_FS_TYPES: ReadonlyMap<number, string> = new Map([
  [0x6969, 'NFS'],
  [0x517b, 'SMB'],
  [0xff534d42, 'CIFS'],
  [0xfe534d42, 'SMB2'],
  [0x564c, 'NCP'],
  [0x7461636f, 'OCFS2'],
  [0x47504653, 'GPFS'],
  [0x6b414653, 'AFS'],
  [0x5346414f, 'AFS'],
  [0x0bd00bd0, 'Lustre'],
]);

export interface LocationFacts {
  platform: NodeJS.Platform;
  /** The nearest existing folder of the file, as the platform resolves it (realpath.native). */
  realFolder?: string | null;
  /** statfs f_type of that folder. */
  fsType?: number | null;
}

/** Why the file counts as on the network ('\\server\share', 'CIFS' …), or null when it is local. */
export function networkLocation(file: string, facts: LocationFacts): string | null {
  if (isNetworkPath(file)) return file;
  if (facts.platform === 'win32' && facts.realFolder && isNetworkPath(facts.realFolder)) return facts.realFolder;
  if (facts.platform !== 'win32' && facts.fsType !== null && facts.fsType !== undefined) {
    return NETWORK_FS_TYPES.get(facts.fsType >>> 0) ?? null;
  }
  return null;
}

/** The real facts about where `file` would live (its nearest existing folder). */
export function locationFacts(file: string): LocationFacts {
  let folder = dirname(file);
  for (;;) {
    try {
      const realFolder = realpathSync.native(folder);
      let fsType: number | null = null;
      if (process.platform !== 'win32') {
        try {
          fsType = Number(statfsSync(realFolder).type);
        } catch {
          fsType = null;
        }
      }
      return { platform: process.platform, realFolder, fsType };
    } catch {
      const parent = dirname(folder);
      if (parent === folder) return { platform: process.platform };
      folder = parent;
    }
  }
}

/** True when `file` sits on a network share (by its path, or as the platform tells). */
export function isOnNetwork(file: string): boolean {
  return networkLocation(file, isNetworkPath(file) ? { platform: process.platform } : locationFacts(file)) !== null;
}
