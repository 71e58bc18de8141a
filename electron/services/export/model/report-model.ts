// The progress report (進捗状況の報告) as data: the document's page 3 onwards — purpose, scope,
// rank definitions, the summary table (with 増減 against the previous round) and the list
// 局名 / 番号 / 課題名 / ランク per level, in the organizations' display order.
import type Database from 'better-sqlite3';
import { LEVEL_LABELS } from '../../../../common/fields.js';
import { DbError } from '../../../../db/errors.js';
import { type Level } from '../../../../db/queries/issues.js';
import { getRound, listRounds, type Round, type ScaleRank } from '../../../../db/queries/rounds.js';
import { summarize } from '../../../../db/queries/summary.js';
import type { ReportRequest } from '../options.js';
import { docMeta, type DocMeta, type MadeBy } from './meta.js';
import { allRows } from './all-rows.js';
import { rankedLevels } from '../../../../db/queries/export-sources.js';

export const DEFAULT_PURPOSE = '全ての課題について、取組みの実行により課題の解決にどの程度近づいたか、到達状況を見える化すること。';

export interface SummaryRow {
  level: Level;
  /** A 現行業務の改善 */
  levelLabel: string;
  total: number;
  /** Per rank of the scale, in the scale's order (highest first). */
  counts: number[];
  unranked: number;
  /** Against the previous round, same order; null when there is no previous round. */
  delta: { total: number; counts: number[]; unranked: number } | null;
}

export interface ReportListRow {
  organization: string;
  number: number;
  title: string;
  /** The rank's value as the document prints it (2), or '' when not ranked. */
  rank: string;
}

export interface ReportList {
  level: Level;
  /** Aレベルの課題の分析結果一覧 — repeated at the top of every page. */
  caption: string;
  rows: ReportListRow[];
}

export interface ReportModel {
  meta: DocMeta;
  round: Round;
  previousRound: Round | null;
  /** 【ランク3】 完了したもの … highest first. */
  ranks: ScaleRank[];
  purposeHeading: string;
  purpose: string;
  scopeHeading: string;
  scopeLine: string;
  summary: SummaryRow[];
  showUnranked: boolean;
  lists: ReportList[];
}

/** 1~3 for numeric scales, else the labels: 未着手・取組中・完了. */
function scaleSpan(ranks: ScaleRank[]): string {
  const values = ranks.map((r) => r.value);
  if (values.every((v) => /^\d+$/.test(v))) {
    const nums = values.map(Number);
    return `${Math.min(...nums)}~${Math.max(...nums)}`;
  }
  return [...ranks].reverse().map((r) => r.label).join('・');
}

export function previousRoundOf(sqlite: Database.Database, round: Round): Round | null {
  const rounds = listRounds(sqlite);
  const i = rounds.findIndex((r) => r.id === round.id);
  return i >= 0 ? (rounds[i + 1] ?? null) : null;
}

export function buildReportModel(sqlite: Database.Database, req: ReportRequest, by: MadeBy): ReportModel {
  const round = getRound(sqlite, req.roundId);
  if (!round) throw new DbError('NOT_FOUND', `評価回 (id ${req.roundId}) がありません`);
  const previousRound =
    req.previousRoundId === null ? null : req.previousRoundId ? (getRound(sqlite, req.previousRoundId) ?? null) : previousRoundOf(sqlite, round);
  if (req.previousRoundId && !previousRound) throw new DbError('NOT_FOUND', `比較する評価回 (id ${req.previousRoundId}) がありません`);
  const levels = req.levels ?? rankedLevels(sqlite, round.id);
  if (levels.length === 0) throw new DbError('INVALID', `評価回「${round.label}」にはランクが1件もありません。ランク付けしてから出力してください`);
  const ranks = round.ranks;
  const filter = { roundId: round.id, levels, organizationIds: req.organizationIds };
  const current = summarize(sqlite, filter);
  const before = previousRound ? summarize(sqlite, { ...filter, roundId: previousRound.id }) : [];
  const summary: SummaryRow[] = current.map((line) => {
    const counts = ranks.map((r) => line.byRank[r.value] ?? 0);
    const prev = before.find((b) => b.level === line.level);
    return {
      level: line.level,
      levelLabel: LEVEL_LABELS[line.level] ?? line.level,
      total: line.total,
      counts,
      unranked: line.unranked,
      delta: previousRound
        ? {
            total: line.total - (prev?.total ?? 0),
            counts: ranks.map((r, i) => (counts[i] ?? 0) - (prev?.byRank[r.value] ?? 0)),
            unranked: line.unranked - (prev?.unranked ?? 0),
          }
        : null,
    };
  });
  const levelText = levels.join('・');
  const lists = levels.map((level) => ({
    level,
    caption: `${level}レベルの課題の分析結果一覧`,
    rows: allRows(sqlite, { ...filter, levels: [level] }).map((r) => ({
      organization: r.organization,
      number: r.number,
      title: r.title,
      rank: r.rank ?? '',
    })),
  }));
  return {
    meta: docMeta(req, `局区X方針の進捗状況(${levelText}レベル)`, round, by),
    round,
    previousRound,
    ranks,
    purposeHeading: 'X方針の進捗状況の報告の目的',
    purpose: req.purpose || DEFAULT_PURPOSE,
    scopeHeading: `今回の報告対象 (${levelText}レベル)`,
    scopeLine: `各課題の到達状況を事務局で${scaleSpan(ranks)}にランク付けした。`,
    summary,
    showUnranked: summary.some((s) => s.unranked > 0),
    lists,
  };
}

/** Signed change for 増減 cells: +2, −1 (U+2212), ±0. */
export function signed(n: number): string {
  return n > 0 ? `+${n}` : n < 0 ? `−${-n}` : '±0';
}
