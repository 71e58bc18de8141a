// Property: whatever order other PCs' records arrive in — interleaved with local edits, repeated,
// delayed until the end — every replica's canonical export is byte-identical once all records are in.
// Edits: ranks, 所見, 事務局メモ, and structure — issues created by an import (two PCs may create the
// same key, or the same new 局区), imports undone (the issue and 局区 deleted), a text ② of a version
// rewritten, a round created (with a scale of its own, carrying ranks over) or deleted, a scale deleted.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Db } from '../../db/open';
import { rowToRecord, type SyncRecordRow } from '../../db/queries/sync';
import { setComment, setRank } from '../../db/write/evaluations';
import { saveNote } from '../../db/write/notes';
import { applyPulled } from '../../db/write/sync-records';
import { syncCanonicalDump } from '../../electron/services/snapshot/sync-canonical';
import { deleteOwnScale, editText, importNewIssue, toggleRound, undoLatestImport } from './fixtures/structural-edits';
import { sharedReplicas } from './helpers';

const ISSUES = [1, 2, 3, 133];
const op = fc.record({
  actor: fc.nat(),
  kind: fc.constantFrom('rank', 'comment', 'note', 'create', 'undo', 'text', 'round', 'scale'),
  issue: fc.constantFrom(...ISSUES),
  value: fc.constantFrom('1', '2', '3', null),
  // Before this edit, the actor receives this share of what the others have made so far (0 = nothing yet).
  deliver: fc.double({ min: 0, max: 1, noNaN: true }),
  seed: fc.nat(),
});

const allRecords = (db: Db) => (db.sqlite.prepare('SELECT * FROM sync_records ORDER BY id').all() as SyncRecordRow[]).map(rowToRecord);

/** A deterministic shuffle with duplicates from a seed (fast-check shrinks the seed). */
function scramble<T>(xs: T[], seed: number): T[] {
  let s = seed + 1;
  const rnd = () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648);
  const out = [...xs, ...xs.filter(() => rnd() < 0.3)];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

describe('convergence of 3–5 replicas', () => {
  it('same records, any arrival order, duplicates → byte-identical canonical exports', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 3, max: 5 }), fc.array(op, { minLength: 1, maxLength: 25 }), fc.nat(), async (n, ops, finalSeed) => {
        const { dbs } = await sharedReplicas(n);
        try {
          const versions = dbs[0]!.sqlite.prepare('SELECT id FROM issue_versions WHERE issue_id = 133 ORDER BY id').pluck().all() as number[];
          for (const o of ops) {
            const me = dbs[o.actor % n]!;
            const others = dbs.filter((d) => d !== me).flatMap(allRecords);
            const some = scramble(others, o.seed).filter((_, i, xs) => i < xs.length * o.deliver);
            applyPulled(me.sqlite, some, '');
            const actor = `職員${o.actor % n}`;
            try {
              if (o.kind === 'rank') setRank(me.sqlite, { issueId: o.issue, roundId: 1, rank: o.value, actor });
              else if (o.kind === 'comment') setComment(me.sqlite, { issueId: o.issue, roundId: 1, comment: o.value ? `所見${o.value}` : '', actor });
              else if (o.kind === 'create') importNewIssue(me.sqlite, { number: 4 + (o.seed % 3), content: `内容${o.actor % n}`, rank: o.value ?? '1', actor, newOrg: o.seed % 5 < 2 });
              else if (o.kind === 'undo') undoLatestImport(me.sqlite, actor);
              else if (o.kind === 'round') toggleRound(me.sqlite, { actor, ownScale: o.seed % 2 === 0, carry: o.seed % 3 === 0 });
              else if (o.kind === 'scale') deleteOwnScale(me.sqlite, actor);
              else if (o.kind === 'text') editText(me.sqlite, { content: `内容${o.value ?? ''}${o.actor % n}`, actor });
              else saveNote(me.sqlite, { issueId: 133, fromVersionId: versions[0]!, toVersionId: versions[1]!, note: `メモ${o.value ?? ''}${o.actor % n}`, actor });
            } catch (e) {
              // Only a refusal the app gives the user is acceptable here (none expected on an open round).
              throw new Error(`edit refused: ${(e as Error).message}`);
            }
          }
          const everything = dbs.flatMap(allRecords);
          dbs.forEach((db, i) => applyPulled(db.sqlite, scramble(everything, finalSeed + i), ''));
          const dumps = dbs.map((db) => syncCanonicalDump(db.sqlite));
          for (const d of dumps) expect(d).toBe(dumps[0]);
        } finally {
          for (const db of dbs) db.close();
        }
      }),
      { numRuns: 25 },
    );
  }, 200_000);
});
