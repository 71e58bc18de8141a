// A gzip bomb named .xpws (issue 11 item 7): a few hundred KB that inflate to more than any
// snapshot this app can read. It is refused with a Japanese message once the inflated size
// passes the cap — by the reader, the restore preview and the backup check — instead of
// being inflated in full first.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createGzip } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { prepareRestore } from '../../electron/services/backups/prepare-restore';
import { verifyBackupFile } from '../../electron/services/backups/verify-backup';
import { MAX_SNAPSHOT_INFLATED, readSnapshot } from '../../electron/services/snapshot/snapshot-file';
import { tempDir } from '../helpers/temp';

/** Spaces past the cap, gzipped as a stream (never the whole inflated content in memory here). */
async function bomb(): Promise<Buffer> {
  const gz = createGzip({ level: 9 });
  const chunks: Buffer[] = [];
  gz.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise((r) => gz.once('end', r));
  const mb = Buffer.alloc(1 << 20, 0x20);
  for (let i = 0; i < MAX_SNAPSHOT_INFLATED / (1 << 20) + 64; i++) if (!gz.write(mb)) await new Promise((r) => gz.once('drain', r));
  gz.end();
  await done;
  return Buffer.concat(chunks);
}

describe('snapshot gzip bomb', () => {
  it('is refused at the cap by the reader, the restore and the backup check', async () => {
    const bytes = await bomb();
    expect(bytes.length).toBeLessThan(2 * 1024 * 1024);
    expect(() => readSnapshot(bytes)).toThrow(/展開すると上限 \(512 MB\) を超えます/);
    const file = join(tempDir(), 'bomb.xpws');
    writeFileSync(file, bytes);
    await expect(prepareRestore(file)).rejects.toThrow(/上限 \(512 MB\)/);
    expect(verifyBackupFile(file)).toMatchObject({ ok: false, message: expect.stringMatching(/上限 \(512 MB\)/) });
  }, 60_000);
});
