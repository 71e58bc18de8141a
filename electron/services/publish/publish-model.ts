// What the city's website gets for one round: the published summary, every issue with its rank
// per 局区, and the B/C comparisons — and, only when the user ticks them, the internal fields
// (所見, 事務局メモ, who changed what). Plain data; publish-html.ts and open-data.ts write it.
import type Database from 'better-sqlite3';
import { DbError } from '../../../db/errors.js';
import { listVersions } from '../../../db/queries/issues.js';
import { getNote } from '../../../db/queries/notes.js';
import { listOrganizations, type Organization } from '../../../db/queries/organizations.js';
import { getRound, listRounds, type Round } from '../../../db/queries/rounds.js';
import { roundRows } from '../../../db/queries/round-rows.js';
import { compareFields, type FieldComparison } from '../compare/compare-issue.js';
import { comparableIssueIds } from '../../../db/queries/export-sources.js';
import { readExportDefaults } from '../settings/export-defaults.js';

export interface PublishOptions {
  roundId: number;
  /** 所見 (the secretariat's comment on each rank). */
  comments?: boolean;
  /** 事務局メモ of the comparisons. */
  notes?: boolean;
  /** 更新者 and 更新日時 of each rank. */
  history?: boolean;
}

export interface PublishedIssue {
  issueId: number;
  level: string;
  number: number;
  title: string;
  /** Rank value per round id; null when not ranked. */
  ranks: Map<number, { rank: string | null; carried: boolean; comment: string; updatedBy: string | null; updatedAt: string | null }>;
}

export interface PublishedOrg {
  org: Organization;
  /** org-01.html …: ASCII names, in the display order, stable for a set of 局区. */
  file: string;
  issues: PublishedIssue[];
}

export interface PublishedComparison {
  issueId: number;
  file: string;
  organization: string;
  title: string;
  fromLabel: string;
  toLabel: string;
  fromNumber: string;
  toNumber: string;
  fields: FieldComparison[];
  note: string | null;
}

export interface PublishModel {
  round: Round;
  /** The round and the earlier locked rounds: the open data's time series (oldest first). */
  rounds: Round[];
  orgs: PublishedOrg[];
  comparisons: PublishedComparison[];
  localGovernmentCode: string | null;
  options: Required<PublishOptions>;
  /** What the user must know before putting this online (an unlocked round, no 団体コード, 繰越). */
  warnings: string[];
}

export function buildPublishModel(sqlite: Database.Database, input: PublishOptions): PublishModel {
  const options: Required<PublishOptions> = { comments: false, notes: false, history: false, ...input };
  const round = getRound(sqlite, options.roundId);
  if (!round) throw new DbError('NOT_FOUND', `評価回 (id ${options.roundId}) がありません`);
  const rounds = listRounds(sqlite)
    .filter((r) => r.id === round.id || (r.lockedAt !== null && r.asOf < round.asOf))
    .sort((a, b) => a.asOf.localeCompare(b.asOf));
  const warnings: string[] = [];
  if (!round.lockedAt) warnings.push(`評価回「${round.label}」はロック (公表確定) されていません。公表後に内容が変わるおそれがあります`);
  const { localGovernmentCode } = readExportDefaults(sqlite);
  if (!localGovernmentCode) warnings.push('全国地方公共団体コードが設定されていません (設定 → 資料の出力の既定)。オープンデータの該当列は空になります');

  const byIssue = new Map<number, PublishedIssue>();
  const orgOf = new Map<number, number>();
  for (const r of rounds) {
    for (const row of roundRows(sqlite, r.id)) {
      let issue = byIssue.get(row.id);
      if (!issue) {
        issue = { issueId: row.id, level: row.level, number: row.number, title: row.title, ranks: new Map() };
        byIssue.set(row.id, issue);
        orgOf.set(row.id, row.organizationId);
      }
      issue.ranks.set(r.id, { rank: row.rank, carried: row.carried, comment: row.comment, updatedBy: row.updatedBy, updatedAt: row.updatedAt });
    }
  }
  const carried = [...byIssue.values()].filter((i) => i.ranks.get(round.id)?.carried && i.ranks.get(round.id)?.rank !== null).length;
  if (carried) warnings.push(`評価回「${round.label}」の確認されていない繰越のランク ${carried}件は「繰越 (未確認)」と明記して公表します`);

  const organizations = listOrganizations(sqlite);
  const perOrg = new Map<number, PublishedIssue[]>();
  for (const issue of byIssue.values()) {
    const orgId = orgOf.get(issue.issueId)!;
    const list = perOrg.get(orgId);
    if (list) list.push(issue);
    else perOrg.set(orgId, [issue]);
  }
  const orgs = organizations
    .map((org, i) => ({ org, file: `org-${String(i + 1).padStart(2, '0')}.html`, issues: perOrg.get(org.id) ?? [] }))
    .filter((o) => o.issues.length > 0);

  const shortOf = new Map(organizations.map((o) => [o.id, o.fullName]));
  const comparisons = comparableIssueIds(sqlite).flatMap((issueId, n): PublishedComparison[] => {
    const versions = listVersions(sqlite, issueId);
    const to = versions.at(-1);
    const from = versions.at(-2);
    const issue = byIssue.get(issueId);
    if (!to || !from || !issue) return [];
    const note = options.notes ? getNote(sqlite, issueId, from.id, to.id)?.note.trim() || null : null;
    return [
      {
        issueId,
        file: `compare-${String(n + 1).padStart(3, '0')}.html`,
        organization: shortOf.get(orgOf.get(issueId)!) ?? '',
        title: issue.title,
        fromLabel: from.label,
        toLabel: to.label,
        fromNumber: `課題${issue.level} (${from.number})`,
        toNumber: `課題${issue.level} (${to.number})`,
        fields: compareFields(from, to).filter((f) => f.status !== 'empty'),
        note,
      },
    ];
  });
  return { round, rounds, orgs, comparisons, localGovernmentCode, options, warnings };
}
