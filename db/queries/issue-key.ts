// The readable issue key (会計-A-1) resolved to an issue id. Apart from issues.ts so that the
// lookups (and a CLI start) do not load what the issue list needs (sort keys, search index).
import type Database from 'better-sqlite3';
import { findOrganization } from './organization-match.js';
import { listOrganizations } from './organizations.js';

/**
 * The issue a readable key names: 局区-レベル-番号 (会計-A-1; the 局区 by short name, full name or a
 * form of it, 小倉北区-A-3) or #id. Undefined when none; electron/services/lookup.ts says so.
 */
export function resolveIssueKey(sqlite: Database.Database, key: string): number | undefined {
  const k = key.normalize('NFKC').replace(/\s+/g, '');
  const byId = /^#(\d+)$/.exec(k);
  if (byId) {
    return sqlite.prepare('SELECT id FROM issues WHERE id = ?').pluck().get(Number(byId[1])) as number | undefined;
  }
  const m = /^(.+?)-([ABCabc])-?(\d+)$/.exec(k);
  if (!m) return undefined;
  const org = findOrganization(listOrganizations(sqlite), m[1]!);
  if (!org) return undefined;
  return sqlite
    .prepare('SELECT id FROM issues WHERE organization_id = ? AND level = ? AND number = ?')
    .pluck()
    .get(org.id, m[2]!.toUpperCase(), Number(m[3])) as number | undefined;
}
