// Per-organization sheets: one section per 局区 with its issues, ranks and comments.
import type Database from 'better-sqlite3';
import { DbError } from '../../../../db/errors.js';
import { listOrganizations, type Organization } from '../../../../db/queries/organizations.js';
import { getRound, type Round } from '../../../../db/queries/rounds.js';
import type { OrgRequest } from '../options.js';
import { allRows } from './all-rows.js';
import { CARRIED_MARK, checkCarried } from './carried.js';
import { docMeta, type DocMeta, type MadeBy } from './meta.js';

export interface OrgSheetRow {
  level: string;
  number: number;
  title: string;
  /** The rank's value (2) and its label (ランク2); '' when not ranked. */
  rank: string;
  rankLabel: string;
  comment: string;
}

export interface OrgSection {
  organization: Organization;
  /** Issues per rank of the scale (highest first), then unranked. */
  counts: number[];
  unranked: number;
  /** Of them, ranks carried over and not confirmed (marked ※). */
  carried: number;
  rows: OrgSheetRow[];
}

export interface OrgModel {
  meta: DocMeta;
  round: Round;
  sections: OrgSection[];
  /** Unconfirmed carried-over ranks printed (marked ※). */
  carried: number;
}

export function buildOrgModel(sqlite: Database.Database, req: OrgRequest, by: MadeBy): OrgModel {
  const round = getRound(sqlite, req.roundId);
  if (!round) throw new DbError('NOT_FOUND', `評価回 (id ${req.roundId}) がありません`);
  const wanted = req.organizationIds?.length ? new Set(req.organizationIds) : null;
  const orgs = listOrganizations(sqlite).filter((o) => !wanted || wanted.has(o.id));
  if (wanted && orgs.length !== wanted.size) throw new DbError('NOT_FOUND', '指定された局区の一部が見つかりません');
  const labelOf = new Map(round.ranks.map((r) => [r.value, r.label]));
  const rows = allRows(sqlite, { roundId: round.id, levels: req.levels, organizationIds: orgs.map((o) => o.id) });
  const sections = orgs
    .map((organization): OrgSection => {
      const mine = rows.filter((r) => r.organizationId === organization.id);
      return {
        organization,
        counts: round.ranks.map((k) => mine.filter((r) => r.rank === k.value).length),
        unranked: mine.filter((r) => r.rank === null).length,
        carried: mine.filter((r) => r.carried && r.rank !== null).length,
        rows: mine.map((r) => ({
          level: r.level,
          number: r.number,
          title: r.title,
          rank: r.rank ?? '',
          rankLabel: r.rank ? `${labelOf.get(r.rank) ?? r.rank}${r.carried ? CARRIED_MARK : ''}` : '',
          comment: r.comment,
        })),
      };
    })
    .filter((s) => s.rows.length > 0);
  if (sections.length === 0) throw new DbError('INVALID', '出力する課題がありません (局区・レベルの指定を確認してください)');
  const carried = sections.reduce((n, s) => n + s.carried, 0);
  checkCarried(round, carried, req.carried);
  const meta = docMeta(req, '局区別 変革課題の評価一覧', round, by);
  return { meta: { ...meta, runningHeader: meta.periodLine ? `${meta.title} (${meta.periodLine})` : meta.title }, round, sections, carried };
}
