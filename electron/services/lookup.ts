// The three lookups people type names for — a round by its label, an issue by its key, a 局区 by
// its name (short name 小北, full name 小倉北区役所, or a form of it 小倉北区) — each written once,
// with one Japanese message, for the CLI and the contract alike.
import type Database from 'better-sqlite3';
import { DbError } from '../../db/errors.js';
import { resolveIssueKey } from '../../db/queries/issue-key.js';
import { findOrganization, suggestOrganizations } from '../../db/queries/organization-match.js';
import { listOrganizations, type Organization } from '../../db/queries/organizations.js';
import { listRounds, type Round } from '../../db/queries/rounds.js';

const listed = (names: string[], max = 8) => (names.length > max ? `${names.slice(0, max).join('、')} ほか${names.length - max}件` : names.join('、'));

/** The round labelled `label`, if any (for callers that offer to create it). */
export function findRound(sqlite: Database.Database, label: string): Round | undefined {
  const want = label.normalize('NFKC').trim();
  return listRounds(sqlite).find((r) => r.label === want);
}

/** The round labelled `label` (R6.11); without a label the latest round. */
export function lookupRound(sqlite: Database.Database, label?: string | null): Round {
  const rounds = listRounds(sqlite);
  if (label === undefined || label === null || label.trim() === '') {
    if (!rounds[0]) throw new DbError('NOT_FOUND', '評価回がありません。先に評価回を作成してください');
    return rounds[0];
  }
  const round = findRound(sqlite, label);
  if (!round) {
    throw new DbError('NOT_FOUND', `評価回「${label}」がありません${rounds.length ? ` (登録されている評価回: ${listed(rounds.map((r) => r.label))})` : ' (評価回はまだありません)'}`);
  }
  return round;
}

/** The 局区 a name means; `orgs` may be passed when the caller already has the list. */
export function lookupOrganization(sqlite: Database.Database, name: string, orgs: Organization[] = listOrganizations(sqlite)): Organization {
  const found = findOrganization(orgs, name);
  if (found) return found;
  const suggestions = suggestOrganizations(orgs, name).map((o) => o.shortName);
  throw new DbError('NOT_FOUND', `局区「${name}」がありません${suggestions.length ? ` (候補: ${suggestions.join('、')})` : ' (例: 会計, 財変, 小倉北区)'}`);
}

/** The issue a readable key names: 局区-レベル-番号 (会計-A-1, 小倉北区-A-3) or #id. */
export function lookupIssue(sqlite: Database.Database, key: string): number {
  const id = resolveIssueKey(sqlite, key);
  if (id === undefined) throw new DbError('NOT_FOUND', `課題「${key}」が見つかりません (例: 会計-A-1)`);
  return id;
}
