// A restore on a joined PC cannot push old data into the share by surprise: the restored copy
// leaves the share and works alone; nothing it held is sent.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Db } from '../../db/open';
import { setRank } from '../../db/write/evaluations';
import { prepareRestore } from '../../electron/services/backups/prepare-restore';
import { restoreInto } from '../../electron/services/backups/restore';
import { takeBackup } from '../../electron/services/backups/take-backup';
import { syncStatus } from '../../electron/services/sync/engine';
import { sharedReplicas } from './helpers';

describe('restore on a joined PC', () => {
  it('leaves the share, keeps the unsent changes out of it, and says so', async () => {
    const { folder, dbs } = await sharedReplicas(2);
    const [, b] = dbs as [Db, Db];
    setRank(b.sqlite, { issueId: 1, roundId: 1, rank: '1', actor: '鈴木' });
    const backup = await takeBackup(b, 'manual');
    setRank(b.sqlite, { issueId: 2, roundId: 1, rank: '1', actor: '鈴木' });
    expect(syncStatus(b.sqlite).pending).toBe(2);
    const result = await restoreInto(b, await prepareRestore(backup), '鈴木');
    expect(result.leftShare).toBe(true);
    expect(syncStatus(b.sqlite)).toMatchObject({ joined: false, pending: 0 });
    expect(readdirSync(join(folder, 'actors'))).toEqual([]);
    for (const d of dbs) d.close();
  });
});
