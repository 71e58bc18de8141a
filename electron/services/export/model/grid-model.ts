// The grid as it is filtered and sorted, as rows of cells for .xlsx and CSV. The same columns
// as the ランク付け grid, with 更新日時 in 和暦.
import type Database from 'better-sqlite3';
import { formatWarekiDateTime } from '../../../../common/wareki.js';
import { DbError } from '../../../../db/errors.js';
import { getRound, type Round } from '../../../../db/queries/rounds.js';
import type { GridRequest } from '../options.js';
import { allRows } from './all-rows.js';
import { organizationShortNames } from '../../../../db/queries/export-sources.js';

export interface GridColumn {
  key: 'organization' | 'level' | 'number' | 'title' | 'rank' | 'comment' | 'updatedBy' | 'updatedAt';
  header: string;
  /** Width in Excel characters. */
  width: number;
}

export const GRID_COLUMNS: GridColumn[] = [
  { key: 'organization', header: '局名', width: 10 },
  { key: 'level', header: 'レベル', width: 8 },
  { key: 'number', header: '番号', width: 7 },
  { key: 'title', header: '課題名', width: 60 },
  { key: 'rank', header: 'ランク', width: 8 },
  { key: 'comment', header: '所見', width: 60 },
  { key: 'updatedBy', header: '更新者', width: 14 },
  { key: 'updatedAt', header: '更新日時', width: 22 },
];

export type GridCell = string | number | null;

export interface GridModel {
  round: Round;
  columns: GridColumn[];
  /** One array per issue, in column order. Numbers stay numbers (番号, numeric ranks). */
  rows: GridCell[][];
  /** 評価回 R6.11 / 局区 会計 / … : what the filter was, for the sheet's title. */
  filterLine: string;
}

function describeFilter(sqlite: Database.Database, round: Round, req: GridRequest): string {
  const parts = [`評価回 ${round.label}`];
  if (req.organizationIds?.length) {
    const names = organizationShortNames(sqlite, req.organizationIds);
    parts.push(`局区 ${names.join('・')}`);
  }
  if (req.levels?.length) parts.push(`レベル ${req.levels.join('・')}`);
  if (req.ranks?.length) parts.push(`ランク ${req.ranks.map((r) => r ?? '未評価').join('・')}`);
  if (req.text) parts.push(`検索「${req.text}」`);
  return parts.join(' / ');
}

export function buildGridModel(sqlite: Database.Database, req: GridRequest): GridModel {
  const round = getRound(sqlite, req.roundId);
  if (!round) throw new DbError('NOT_FOUND', `評価回 (id ${req.roundId}) がありません`);
  const rows = allRows(sqlite, {
    roundId: req.roundId,
    organizationIds: req.organizationIds,
    levels: req.levels,
    ranks: req.ranks,
    text: req.text,
    sort: req.sort,
  });
  return {
    round,
    columns: GRID_COLUMNS,
    rows: rows.map((r) => [
      r.organization,
      r.level,
      r.number,
      r.title,
      r.rank === null ? null : /^\d+$/.test(r.rank) ? Number(r.rank) : r.rank,
      r.comment,
      r.updatedBy,
      r.updatedAt ? formatWarekiDateTime(new Date(r.updatedAt)) : null,
    ]),
    filterLine: describeFilter(sqlite, round, req),
  };
}
