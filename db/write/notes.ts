// Saving the secretariat's note per issue and version pair (the dashed box of the comparison sheet).
import type Database from 'better-sqlite3';
import { DbError } from '../errors.js';
import { versionsOfIssue } from '../queries/issues.js';
import { getNote, type ComparisonNote } from '../queries/notes.js';
import { nowIso } from '../time.js';
import { recordChange, writeTransaction } from './change.js';

/** Saves (or clears, with '') the note on two versions of the issue, recorded, in one transaction. */
export function saveNote(
  sqlite: Database.Database,
  n: { issueId: number; fromVersionId: number; toVersionId: number; note: string; actor: string },
): ComparisonNote | null {
  return writeTransaction(sqlite, () => {
    if (n.fromVersionId === n.toVersionId || versionsOfIssue(sqlite, n.issueId, [n.fromVersionId, n.toVersionId]) !== 2) {
      throw new DbError('INVALID', 'この課題の異なる2つの版を指定してください');
    }
    const before = getNote(sqlite, n.issueId, n.fromVersionId, n.toVersionId);
    if ((before?.note ?? '') === n.note) return before;
    if (n.note === '') {
      sqlite
        .prepare('DELETE FROM comparison_notes WHERE issue_id = ? AND from_version_id = ? AND to_version_id = ?')
        .run(n.issueId, n.fromVersionId, n.toVersionId);
    } else {
      sqlite
        .prepare(
          `INSERT INTO comparison_notes (issue_id, from_version_id, to_version_id, note, updated_by, updated_at)
           VALUES (?, ?, ?, ?, ?, ?)
           ON CONFLICT (issue_id, from_version_id, to_version_id)
           DO UPDATE SET note = excluded.note, updated_by = excluded.updated_by, updated_at = excluded.updated_at`,
        )
        .run(n.issueId, n.fromVersionId, n.toVersionId, n.note, n.actor, nowIso());
    }
    recordChange(sqlite, {
      actor: n.actor,
      action: 'comparison.note',
      entity: 'comparison_note',
      issueId: n.issueId,
      before: { note: before?.note ?? '', from: n.fromVersionId, to: n.toVersionId },
      after: { note: n.note, from: n.fromVersionId, to: n.toVersionId },
    });
    return getNote(sqlite, n.issueId, n.fromVersionId, n.toVersionId);
  });
}

/** A note as the sample seeds it into a new database; the seed's own entry records it. */
export function insertSeedNote(
  sqlite: Database.Database,
  n: { issueId: number; fromVersionId: number; toVersionId: number; note: string; actor: string; at: string },
): void {
  sqlite
    .prepare(
      `INSERT INTO comparison_notes (issue_id, from_version_id, to_version_id, note, updated_by, updated_at)
       VALUES (?, ?, ?, ?, ?, ?)`,
    )
    .run(n.issueId, n.fromVersionId, n.toVersionId, n.note, n.actor, n.at);
}
