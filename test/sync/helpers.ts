// Shared-folder test set-up: one sample database turned into a shared dataset, N replicas joined.
import { join } from 'node:path';
import { openDatabase, type Db } from '../../db/open';
import { createShare, joinShare } from '../../electron/services/sync/share';
import { sampleDb, tempDir } from '../helpers/temp';

export async function sharedReplicas(n: number, folder = join(tempDir('xpw-share-'), 'share')): Promise<{ folder: string; dbs: Db[] }> {
  const { mkdirSync } = await import('node:fs');
  mkdirSync(folder, { recursive: true });
  const first = await sampleDb();
  await createShare(first.sqlite, folder, { name: 'テスト共有', user: '佐藤', pc: 'PC-1' });
  const dbs = [first];
  for (let i = 2; i <= n; i++) {
    const file = join(tempDir(), 'xpw.sqlite');
    await joinShare(folder, file, { pc: `PC-${i}` });
    dbs.push(await openDatabase(file));
  }
  return { folder, dbs };
}
