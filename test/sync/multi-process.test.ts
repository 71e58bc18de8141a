// Three real processes on three databases sharing one folder, editing at random (ranks, 所見,
// 事務局メモ, issues imported and undone, version texts) and killed with
// SIGKILL at random moments, then restarted: after a final sync the three canonical exports are
// identical and every edit a process acknowledged (committed) is present everywhere.
import { describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../db/open';
import { syncOnce } from '../../electron/services/sync/engine';
import { FolderTransport } from '../../electron/services/sync/folder-transport';
import { syncCanonicalDump } from '../../electron/services/snapshot/sync-canonical';
import { runKillRestart, sharedReplicas } from './helpers';

describe('three processes, SIGKILLs and restarts', () => {
  it('converge to identical exports with every acknowledged change present', async () => {
    const { folder, dbs } = await sharedReplicas(3);
    const files = dbs.map((d) => d.file);
    for (const d of dbs) d.close();
    const { acked, kills } = await runKillRestart(folder, files, 4000);
    expect(kills).toBeGreaterThanOrEqual(5);
    expect(acked.size).toBeGreaterThan(20);
    const reopened: Db[] = [];
    for (const f of files) reopened.push(await openDatabase(f));
    for (let round = 0; round < 2; round++) for (const d of reopened) expect((await syncOnce(d.sqlite, new FolderTransport(folder))).ok).toBe(true);
    const dumps = reopened.map((d) => syncCanonicalDump(d.sqlite));
    expect(dumps[1]).toBe(dumps[0]);
    expect(dumps[2]).toBe(dumps[0]);
    // Structure travelled too: issues imported (and some undone) and a version text rewritten.
    const kinds = reopened[0]!.sqlite.prepare("SELECT DISTINCT kind FROM sync_records WHERE kind IN ('issue', 'version') ORDER BY kind").pluck().all();
    expect(kinds).toEqual(['issue', 'version']);
    for (const d of reopened) {
      const ids = new Set(d.sqlite.prepare('SELECT id FROM sync_records').pluck().all() as string[]);
      const missing = [...acked].filter((id) => !ids.has(id));
      expect(missing).toEqual([]);
      d.close();
    }
  }, 60_000);
});
