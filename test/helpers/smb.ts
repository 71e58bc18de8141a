// A real SMB share for tests: Samba (smbd) serving a temporary folder on 127.0.0.1:445 with its own
// pid/lock/state/cache/private folders, mounted through FUSE with smbnetfs (the kernel here has no
// cifs module). The share appears as MOUNT/127.0.0.1/xpw. Needs the Debian packages samba and
// smbnetfs (.ci/run and scripts/setup.mjs install them) and /dev/fuse. Plain Node (no vitest): the
// bench uses it too.
import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface SmbShare {
  /** The share as seen through the mount: files written here travel through SMB. */
  path: string;
  /** The folder smbd serves (to damage files behind the share's back). */
  served: string;
  /** Unmounts the share (fusermount -u -z: at once, even while files are open — the share "gone"), asynchronously. */
  unmount(): Promise<void>;
  /** Mounts it again (as a PC reconnecting to the file server). */
  remount(): Promise<void>;
  stop(): void;
}

export async function startSmbShare(): Promise<SmbShare> {
  const root = mkdtempSync(join(tmpdir(), 'xpw-smb-'));
  const dirs = ['share', 'run', 'lock', 'state', 'cache', 'private', 'log', 'mnt', 'home/.smb'];
  for (const d of dirs) mkdirSync(join(root, d), { recursive: true });
  chmodSync(join(root, 'share'), 0o777);
  const conf = `[global]
  interfaces = 127.0.0.1
  bind interfaces only = yes
  smb ports = 445
  pid directory = ${root}/run
  lock directory = ${root}/lock
  state directory = ${root}/state
  cache directory = ${root}/cache
  private dir = ${root}/private
  ncalrpc dir = ${root}/run/ncalrpc
  log file = ${root}/log/smbd.log
  map to guest = Bad User
  guest account = root
  server min protocol = SMB2
  disable netbios = yes
  load printers = no
  printing = bsd
  printcap name = /dev/null
[xpw]
  path = ${root}/share
  guest ok = yes
  guest only = yes
  read only = no
  force user = root
`;
  writeFileSync(join(root, 'smb.conf'), conf);
  writeFileSync(join(root, 'home/.smb/smb.conf'), conf);
  writeFileSync(join(root, 'home/.smb/smbnetfs.conf'), 'auth "guest" ""\nsmb_query_browsers false\n', { mode: 0o600 });
  execFileSync('smbd', ['-s', join(root, 'smb.conf'), '-D']);
  const pidFile = join(root, 'run', 'smbd.pid');
  for (let i = 0; i < 50 && !existsSync(pidFile); i++) await new Promise((r) => setTimeout(r, 100));
  const pid = Number(readFileSync(pidFile, 'utf8').trim());
  const mnt = join(root, 'mnt');
  const path = join(mnt, '127.0.0.1', 'xpw');
  let mounted = false;
  const mount = async () => {
    execFileSync('smbnetfs', [mnt], { env: { ...process.env, HOME: join(root, 'home') } });
    mounted = true;
    for (let i = 0; i < 50 && !existsSync(path); i++) await new Promise((r) => setTimeout(r, 100));
    if (!existsSync(path)) throw new Error(`SMB share did not appear at ${path}`);
    // smbnetfs connects lazily: the first operations can fail with EIO until the session is up.
    for (let i = 0; ; i++) {
      try {
        readdirSync(path);
        mkdirSync(join(path, '.probe'));
        rmdirSync(join(path, '.probe'));
        break;
      } catch (e) {
        if (i > 50) throw e;
        await new Promise((r) => setTimeout(r, 100));
      }
    }
  };
  await mount();
  return {
    path,
    served: join(root, 'share'),
    async unmount() {
      await promisify(execFile)('fusermount', ['-u', '-z', mnt]);
      mounted = false;
    },
    remount: mount,
    stop() {
      try {
        if (mounted) execFileSync('fusermount', ['-u', mnt]);
      } finally {
        process.kill(pid, 'SIGTERM');
        rmSync(root, { recursive: true, force: true });
      }
    },
  };
}
