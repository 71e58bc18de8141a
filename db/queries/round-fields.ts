// What a round's own fields must look like, checked before any write (the contract checks
// shapes; this checks meaning: real dates, a unique label, an existing scale).
import type Database from 'better-sqlite3';
import { DbError } from '../errors.js';

export interface RoundFields {
  label: string;
  title: string;
  /** 'YYYY-MM' or 'YYYY-MM-DD'. */
  asOf: string;
  /** 'YYYY-MM-DD' or null. */
  meetingDate: string | null;
  scaleId: number;
}

function isRealDate(text: string, withDay: boolean): boolean {
  const m = (withDay ? /^(\d{4})-(\d{2})-(\d{2})$/ : /^(\d{4})-(\d{2})$/).exec(text);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), m[3] ? Number(m[3]) : 1];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return y >= 1900 && y <= 2200 && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

/** Trimmed fields, or a Japanese error naming the field. `selfId`: the round being edited. */
export function checkRoundFields(sqlite: Database.Database, f: RoundFields, selfId: number | null): RoundFields {
  const label = f.label.normalize('NFKC').trim();
  const title = f.title.trim();
  if (!label) throw new DbError('INVALID', 'ラベル (例: R7.5) を入力してください');
  if (label.length > 40) throw new DbError('INVALID', `ラベル「${label.slice(0, 40)}…」が長すぎます (40文字まで)`);
  if (!title) throw new DbError('INVALID', '名称 (例: 令和7年5月時点) を入力してください');
  if (!isRealDate(f.asOf, false) && !isRealDate(f.asOf, true)) {
    throw new DbError('INVALID', `時点「${f.asOf}」が正しくありません (年月 YYYY-MM か 年月日 YYYY-MM-DD)`);
  }
  if (f.meetingDate !== null && !isRealDate(f.meetingDate, true)) {
    throw new DbError('INVALID', `X会議の日付「${f.meetingDate}」が正しくありません (YYYY-MM-DD)`);
  }
  const clash = sqlite.prepare('SELECT id FROM rounds WHERE label = ?').pluck().get(label) as number | undefined;
  if (clash !== undefined && clash !== selfId) throw new DbError('CONFLICT', `ラベル「${label}」の評価回はすでにあります。別のラベルにしてください`);
  if (!sqlite.prepare('SELECT 1 FROM scales WHERE id = ?').get(f.scaleId)) {
    throw new DbError('NOT_FOUND', `ランク基準 (id ${f.scaleId}) がありません`);
  }
  return { label, title, asOf: f.asOf, meetingDate: f.meetingDate, scaleId: f.scaleId };
}

/**
 * Rank values used in `roundId` (or in `sourceRoundId` for a carry-over) that `scaleId` does not
 * have, with how often: such a round cannot move to (or be carried into) that scale.
 */
export function valuesMissingFromScale(sqlite: Database.Database, roundId: number, scaleId: number): { rank: string; n: number }[] {
  // The round's distinct ranks by skipping through the (round_id, rank, …) index, one seek per
  // value: this runs before every carry-over, and counting 100,000 rows to find three values
  // would cost more than a tenth of the whole creation.
  const used = sqlite
    .prepare(
      `WITH RECURSIVE v(x) AS (
         SELECT min(rank) FROM evaluations WHERE round_id = @roundId
         UNION ALL
         SELECT (SELECT min(rank) FROM evaluations WHERE round_id = @roundId AND rank > v.x) FROM v WHERE v.x IS NOT NULL
       ) SELECT x FROM v WHERE x IS NOT NULL AND x NOT IN (SELECT value FROM scale_ranks WHERE scale_id = @scaleId)`,
    )
    .pluck()
    .all({ roundId, scaleId }) as string[];
  const count = sqlite.prepare('SELECT count(*) FROM evaluations WHERE round_id = ? AND rank = ?').pluck();
  return used.sort().map((rank) => ({ rank, n: count.get(roundId, rank) as number }));
}

export const describeMissing = (missing: { rank: string; n: number }[]): string =>
  missing.map((m) => `「${m.rank}」${m.n}件`).join('、');
