// The import history: what was imported, by whom, when, with what result, and whether undone.
import type Database from 'better-sqlite3';
import type { ImportCounts } from './change-set.js';

export interface ImportRecord {
  id: number;
  kind: 'list' | 'inquiry';
  fileName: string;
  sha256: string;
  actor: string;
  at: string;
  versionLabel: string | null;
  roundLabel: string | null;
  counts: ImportCounts;
  undoneAt: string | null;
  undoneBy: string | null;
}

export function listImports(sqlite: Database.Database, limit = 200): ImportRecord[] {
  const rows = sqlite
    .prepare(
      `SELECT m.id, m.kind, m.file_name AS fileName, m.sha256, m.actor, m.at, m.version_label AS versionLabel,
              r.label AS roundLabel, m.counts, m.undone_at AS undoneAt, m.undone_by AS undoneBy
       FROM imports m LEFT JOIN rounds r ON r.id = m.round_id ORDER BY m.id DESC LIMIT ?`,
    )
    .all(limit) as (Omit<ImportRecord, 'counts'> & { counts: string })[];
  return rows.map((r) => ({ ...r, counts: JSON.parse(r.counts) as ImportCounts }));
}
