// The secretariat's note per issue and version pair (the dashed box of the comparison sheet).
import type Database from 'better-sqlite3';
import { nowIso } from '../time.js';
import { appendAudit } from './audit.js';
import { reindexIssue } from '../search-index.js';

export interface ComparisonNote {
  note: string;
  updatedBy: string;
  updatedAt: string;
}

export function getNote(sqlite: Database.Database, issueId: number, fromVersionId: number, toVersionId: number): ComparisonNote | null {
  return (
    (sqlite
      .prepare(
        `SELECT note, updated_by AS updatedBy, updated_at AS updatedAt FROM comparison_notes
         WHERE issue_id = ? AND from_version_id = ? AND to_version_id = ?`,
      )
      .get(issueId, fromVersionId, toVersionId) as ComparisonNote | undefined) ?? null
  );
}

/** Saves (or clears, with '') the note, audited, in one transaction. */
export function saveNote(
  sqlite: Database.Database,
  n: { issueId: number; fromVersionId: number; toVersionId: number; note: string; actor: string },
): ComparisonNote | null {
  return sqlite.transaction(() => {
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
    appendAudit(sqlite, {
      actor: n.actor,
      action: 'comparison.note',
      entity: 'comparison_note',
      issueId: n.issueId,
      before: { note: before?.note ?? '', from: n.fromVersionId, to: n.toVersionId },
      after: { note: n.note, from: n.fromVersionId, to: n.toVersionId },
    });
    // Notes are searched with the issue's text.
    reindexIssue(sqlite, n.issueId);
    return getNote(sqlite, n.issueId, n.fromVersionId, n.toVersionId);
  }).immediate();
}
