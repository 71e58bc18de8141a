// ランク基準 as data, the reading side: scales with their ranks and rounds, and the checks of
// db/write/scales.ts.
import type Database from 'better-sqlite3';
import { DbError } from '../errors.js';
import { scaleRanks, type ScaleRank } from './rounds.js';

export interface ScaleInfo {
  id: number;
  name: string;
  /** Highest first. */
  ranks: ScaleRank[];
  rounds: { id: number; label: string; locked: boolean }[];
}

/** A rank as edited: the order is the list's order, highest first. */
export interface ScaleRankInput {
  value: string;
  label: string;
  definition: string;
}

export interface ScaleInput {
  name: string;
  ranks: ScaleRankInput[];
}

export const MAX_RANKS = 10;

export function listScales(sqlite: Database.Database): ScaleInfo[] {
  const scales = sqlite.prepare('SELECT id, name FROM scales ORDER BY id').all() as { id: number; name: string }[];
  const rounds = sqlite
    .prepare('SELECT id, label, scale_id AS scaleId, locked_at IS NOT NULL AS locked FROM rounds ORDER BY as_of, id')
    .all() as { id: number; label: string; scaleId: number; locked: number }[];
  return scales.map((s) => ({
    ...s,
    ranks: scaleRanks(sqlite, s.id),
    rounds: rounds.filter((r) => r.scaleId === s.id).map((r) => ({ id: r.id, label: r.label, locked: r.locked === 1 })),
  }));
}

export function getScale(sqlite: Database.Database, id: number): ScaleInfo | undefined {
  return listScales(sqlite).find((s) => s.id === id);
}

/** Trimmed input, or a Japanese error naming the rank (by its line) and the field. */
export function checkInput(input: ScaleInput): ScaleInput {
  const name = input.name.trim();
  if (!name) throw new DbError('INVALID', 'ランク基準の名前を入力してください');
  if (input.ranks.length === 0) throw new DbError('INVALID', 'ランクを1つ以上定めてください');
  if (input.ranks.length > MAX_RANKS) throw new DbError('INVALID', `ランクは${MAX_RANKS}個までです`);
  const seen = new Map<string, number>();
  const ranks = input.ranks.map((r, i) => {
    const line = `${i + 1} 行目`;
    const value = r.value.normalize('NFKC').trim();
    const label = r.label.trim();
    if (!value) throw new DbError('INVALID', `ランク ${line}: 値 (入力・保存される記号、例 3 / S / 完了) を入力してください`);
    if (/\s/.test(value)) throw new DbError('INVALID', `ランク ${line}: 値「${value}」に空白は使えません`);
    if (!label) throw new DbError('INVALID', `ランク ${line}: 表示名を入力してください`);
    // Keys on the grid match values regardless of case, so 'a' and 'A' would be one key.
    const key = value.toUpperCase();
    const other = seen.get(key);
    if (other !== undefined) throw new DbError('INVALID', `ランク ${line}: 値「${value}」が ${other + 1} 行目と重複しています`);
    seen.set(key, i);
    return { value, label, definition: r.definition.trim() };
  });
  return { name, ranks };
}

export const stored = (s: ScaleInfo) => ({ name: s.name, ranks: s.ranks.map((r) => ({ value: r.value, label: r.label, definition: r.definition })) });

export function checkNameFree(sqlite: Database.Database, name: string, selfId: number | null): void {
  const clash = sqlite.prepare('SELECT id FROM scales WHERE name = ?').pluck().get(name) as number | undefined;
  if (clash !== undefined && clash !== selfId) throw new DbError('CONFLICT', `ランク基準「${name}」はすでにあります。別の名前にしてください`);
}

/** Rank values held by the rounds of a scale, with their round and count. */
export function ranksInUse(sqlite: Database.Database, scaleId: number): { rank: string; label: string; n: number }[] {
  return sqlite
    .prepare(
      `SELECT e.rank, r.label, count(*) AS n FROM evaluations e JOIN rounds r ON r.id = e.round_id
       WHERE r.scale_id = ? AND e.rank IS NOT NULL GROUP BY e.rank, r.id ORDER BY r.as_of, r.id`,
    )
    .all(scaleId) as { rank: string; label: string; n: number }[];
}
