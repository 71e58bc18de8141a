// Databases on a network share are refused (issue 10 d): not only \\server\share paths but a
// mapped drive (Z: → \\server\share) on Windows and an SMB/NFS mount on Linux, told by the
// platform. The decision is tested with each platform's facts; the gathering on this machine.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/open';
import { isOnNetwork, locationFacts, networkLocation } from '../../db/network-location';
import { tempDir } from '../helpers/temp';

describe('network location', () => {
  it('Windows: a mapped drive whose folder resolves to a UNC path is on the network; local and subst drives are not', () => {
    expect(networkLocation('Z:\\課題\\xpw.sqlite', { platform: 'win32', realFolder: '\\\\fs01\\share\\課題' })).toBe('\\\\fs01\\share\\課題');
    expect(networkLocation('C:\\Users\\me\\xpw.sqlite', { platform: 'win32', realFolder: 'C:\\Users\\me' })).toBeNull();
    // GetFinalPathNameByHandle's own spelling, should it come through unconverted.
    expect(networkLocation('Y:\\xpw.sqlite', { platform: 'win32', realFolder: '\\\\?\\UNC\\fs01\\share' })).toBe('\\\\?\\UNC\\fs01\\share');
    // subst S: C:\data — the real folder is local.
    expect(networkLocation('S:\\xpw.sqlite', { platform: 'win32', realFolder: 'C:\\data' })).toBeNull();
    expect(networkLocation('\\\\?\\C:\\data\\xpw.sqlite', { platform: 'win32', realFolder: 'C:\\data' })).toBeNull();
    expect(networkLocation('\\\\fs01\\share\\xpw.sqlite', { platform: 'win32' })).toBe('\\\\fs01\\share\\xpw.sqlite');
  });

  it('Linux: NFS, SMB and CIFS mounts are on the network; ext4, tmpfs and overlay are not', () => {
    const on = (fsType: number) => networkLocation('/mnt/share/xpw.sqlite', { platform: 'linux', realFolder: '/mnt/share', fsType });
    expect(on(0xff534d42)).toBe('CIFS');
    expect(on(0xfe534d42)).toBe('SMB2');
    expect(on(0x6969)).toBe('NFS');
    expect(on(-11317950)).toBe('CIFS'); // the same magic read as a signed 32-bit number
    expect(on(0xef53)).toBeNull();
    expect(on(0x01021994)).toBeNull();
    expect(on(0x794c7630)).toBeNull();
    expect(networkLocation('/home/me/xpw.sqlite', { platform: 'linux' })).toBeNull();
  });

  it('gathers the real facts of a local folder here, also for a file and folders not created yet', () => {
    const dir = tempDir();
    const facts = locationFacts(join(dir, 'not', 'yet', 'xpw.sqlite'));
    expect(facts.platform).toBe(process.platform);
    expect(facts.realFolder).toBeTruthy();
    if (process.platform === 'linux') expect(typeof facts.fsType).toBe('number');
    expect(isOnNetwork(join(dir, 'xpw.sqlite'))).toBe(false);
  });

  it('refuses a UNC path with the one message, and opens a local file', async () => {
    await expect(openDatabase('\\\\fileserver\\share\\xpw.sqlite', { create: true })).rejects.toMatchObject({
      code: 'NETWORK_PATH',
      message: 'ネットワーク上のフォルダ (\\\\fileserver\\share\\xpw.sqlite) のデータベースは開けません。SQLiteのロックはファイル共有(SMB)上では信頼できず、データが壊れるおそれがあります。PCのローカルフォルダに置いてください。',
    });
    const dir = join(tempDir(), 'local');
    mkdirSync(dir);
    const db = await openDatabase(join(dir, 'x.sqlite'), { create: true });
    db.close();
  });
});
