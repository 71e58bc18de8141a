// 局区: added by the sample, by imports (a name the import could not place, confirmed as new) and
// removed only by undoing such an import. Recorded by the batch that adds them (the import's
// own record, see ./imports.ts).
import type Database from 'better-sqlite3';
import type { OrganizationKind } from '../queries/organizations.js';
import { pluckStatement } from '../statements.js';

export interface NewOrganization {
  shortName: string;
  fullName: string;
  kind: OrganizationKind;
  displayOrder: number;
  fullNameAssumed?: boolean;
}

export function insertOrganization(sqlite: Database.Database, org: NewOrganization): number {
  const info = sqlite
    .prepare(
      `INSERT INTO organizations (short_name, full_name, kind, display_order, full_name_assumed)
       VALUES (?, ?, ?, ?, ?)`,
    )
    .run(org.shortName, org.fullName, org.kind, org.displayOrder, org.fullNameAssumed ? 1 : 0);
  return Number(info.lastInsertRowid);
}

/** The next free place at the end of the list. */
export const nextDisplayOrder = (sqlite: Database.Database): number =>
  ((pluckStatement(sqlite, 'SELECT max(display_order) FROM organizations').get() as number | null) ?? 0) + 1;

export function deleteOrganization(sqlite: Database.Database, id: number): void {
  sqlite.prepare('DELETE FROM organizations WHERE id = ?').run(id);
}
