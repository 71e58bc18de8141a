import type Database from 'better-sqlite3';

export type OrganizationKind = '局' | '区' | '委員会等';

export interface Organization {
  id: number;
  shortName: string;
  fullName: string;
  kind: OrganizationKind;
  displayOrder: number;
  fullNameAssumed: boolean;
}

export function listOrganizations(sqlite: Database.Database): Organization[] {
  const rows = sqlite
    .prepare(
      `SELECT id, short_name AS shortName, full_name AS fullName, kind, display_order AS displayOrder,
              full_name_assumed AS fullNameAssumed
       FROM organizations ORDER BY display_order, id`,
    )
    .all() as (Omit<Organization, 'fullNameAssumed'> & { fullNameAssumed: number })[];
  return rows.map((r) => ({ ...r, fullNameAssumed: r.fullNameAssumed === 1 }));
}

export function organizationByShortName(sqlite: Database.Database, shortName: string): Organization | undefined {
  return listOrganizations(sqlite).find((o) => o.shortName === shortName);
}
