// Conflict detection of team sync (要確認): the heads of a field's records and the sync_conflicts
// row they make. Shared by the merge of notes/rules (./sync-apply.ts) and of structural data —
// scales and the texts ①–⑤ of versions (./sync-structure.ts).
import type Database from 'better-sqlite3';
import type { SyncRecordRow } from '../queries/sync.js';
import { statement } from '../statements.js';

/** The heads of a field's records: those no later record started from and no resolution settles. */
export function headsOf(recs: SyncRecordRow[]): SyncRecordRow[] {
  const settled = new Set<string>();
  for (const r of recs) for (const id of r.supersedes ? (JSON.parse(r.supersedes) as string[]) : []) settled.add(id);
  // From the newest back: a record is built upon when a later one started from its value.
  const laterBefores = new Set<string | null>();
  const heads: SyncRecordRow[] = [];
  for (let i = recs.length - 1; i >= 0; i--) {
    const r = recs[i]!;
    if (!settled.has(r.id) && !laterBefores.has(r.after)) heads.unshift(r);
    laterBefores.add(r.before);
  }
  return heads;
}

/** Records (or clears) the conflict of one field: two heads with different values wait for a person. */
export function updateConflict(sqlite: Database.Database, kind: string, key: string, field: string, recs: SyncRecordRow[]): void {
  const heads = headsOf(recs);
  const values = new Set(heads.map((h) => h.after));
  if (values.size > 1) {
    const issue = (JSON.parse(key) as { issue?: string }).issue ?? null;
    statement(
      sqlite,
      `INSERT INTO sync_conflicts (kind, key, field, heads, issue_uid) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (kind, key, field) DO UPDATE SET heads = excluded.heads, issue_uid = excluded.issue_uid`,
    ).run(kind, key, field, JSON.stringify(heads.map((h) => h.id)), issue);
  } else {
    statement(sqlite, 'DELETE FROM sync_conflicts WHERE kind = ? AND key = ? AND field = ?').run(kind, key, field);
  }
}
