// The secretariat's note per issue and version pair (the dashed box of the comparison sheet).
import type Database from 'better-sqlite3';

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
