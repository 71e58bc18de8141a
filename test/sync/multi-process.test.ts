// Three real processes on three databases sharing one folder, editing at random (ranks, 所見,
// 事務局メモ, issues imported and undone, version texts) and killed with
// SIGKILL at random moments, then restarted: after a final sync the three canonical exports are
// identical and every edit a process acknowledged (committed) is present everywhere.
import { describe, expect, it } from 'vitest';
import { reopenConverged, runKillRestart, sharedReplicas } from './helpers';

describe('three processes, SIGKILLs and restarts', () => {
  it('converge to identical exports with every acknowledged change present', async () => {
    const { folder, dbs } = await sharedReplicas(3);
    const files = dbs.map((d) => d.file);
    for (const d of dbs) d.close();
    const { acked, kills } = await runKillRestart(folder, files, 4000);
    expect(kills).toBeGreaterThanOrEqual(5);
    expect(acked.size).toBeGreaterThan(20);
    const reopened = await reopenConverged(folder, files, acked);
    // Structure travelled too: issues imported (and some undone) and a version text rewritten.
    const kinds = reopened[0]!.sqlite.prepare("SELECT DISTINCT kind FROM sync_records WHERE kind IN ('issue', 'version') ORDER BY kind").pluck().all();
    expect(kinds).toEqual(['issue', 'version']);
    for (const d of reopened) d.close();
  }, 60_000);
});
