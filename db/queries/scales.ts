// ランク基準 as data: create, edit and delete scales (ranks with value, label, definition, order).
// A scale in use keeps what its rounds need: the rank values they hold cannot go, and a scale
// used by a locked (published) round cannot change at all — its labels and definitions are
// printed in what was published. Audited, one transaction each.
import type Database from 'better-sqlite3';
import { DbError } from '../errors.js';
import { appendAudit } from './audit.js';
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
function checkInput(input: ScaleInput): ScaleInput {
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

const stored = (s: ScaleInfo) => ({ name: s.name, ranks: s.ranks.map((r) => ({ value: r.value, label: r.label, definition: r.definition })) });

function writeRanks(sqlite: Database.Database, scaleId: number, ranks: ScaleRankInput[]): void {
  sqlite.prepare('DELETE FROM scale_ranks WHERE scale_id = ?').run(scaleId);
  const ins = sqlite.prepare('INSERT INTO scale_ranks (scale_id, value, label, definition, sort_order) VALUES (?, ?, ?, ?, ?)');
  // Higher sort_order is further along: the first line (highest) gets the largest number.
  ranks.forEach((r, i) => ins.run(scaleId, r.value, r.label, r.definition, ranks.length - i));
}

function checkNameFree(sqlite: Database.Database, name: string, selfId: number | null): void {
  const clash = sqlite.prepare('SELECT id FROM scales WHERE name = ?').pluck().get(name) as number | undefined;
  if (clash !== undefined && clash !== selfId) throw new DbError('CONFLICT', `ランク基準「${name}」はすでにあります。別の名前にしてください`);
}

export function createScale(sqlite: Database.Database, input: ScaleInput, actor: string): ScaleInfo {
  return sqlite.transaction(() => {
    const s = checkInput(input);
    checkNameFree(sqlite, s.name, null);
    const id = Number(sqlite.prepare('INSERT INTO scales (name) VALUES (?)').run(s.name).lastInsertRowid);
    writeRanks(sqlite, id, s.ranks);
    const created = getScale(sqlite, id)!;
    appendAudit(sqlite, { actor, action: 'scale.create', entity: 'scale', entityId: id, after: stored(created) });
    return created;
  }).immediate();
}

export function updateScale(sqlite: Database.Database, scaleId: number, input: ScaleInput, actor: string): ScaleInfo {
  return sqlite.transaction(() => {
    const current = getScale(sqlite, scaleId);
    if (!current) throw new DbError('NOT_FOUND', `ランク基準 (id ${scaleId}) がありません`);
    const locked = current.rounds.filter((r) => r.locked).map((r) => r.label);
    if (locked.length) {
      throw new DbError(
        'LOCKED',
        `ランク基準「${current.name}」はロックされた評価回 ${locked.join('・')} で使われているため変更できません。「複製」して新しいランク基準を作ってください`,
      );
    }
    const s = checkInput(input);
    checkNameFree(sqlite, s.name, scaleId);
    const kept = new Set(s.ranks.map((r) => r.value));
    const inUse = sqlite
      .prepare(
        `SELECT e.rank, r.label, count(*) AS n FROM evaluations e JOIN rounds r ON r.id = e.round_id
         WHERE r.scale_id = ? AND e.rank IS NOT NULL GROUP BY e.rank, r.id ORDER BY r.as_of, r.id`,
      )
      .all(scaleId) as { rank: string; label: string; n: number }[];
    const lost = inUse.filter((u) => !kept.has(u.rank));
    if (lost.length) {
      const what = lost.map((u) => `「${u.rank}」(評価回 ${u.label} で ${u.n} 件)`).join('、');
      throw new DbError('CONFLICT', `ランク ${what} は使われているため、削除したり値を変えたりできません`);
    }
    const before = stored(current);
    sqlite.prepare('UPDATE scales SET name = ? WHERE id = ?').run(s.name, scaleId);
    writeRanks(sqlite, scaleId, s.ranks);
    const updated = getScale(sqlite, scaleId)!;
    const after = stored(updated);
    if (JSON.stringify(before) !== JSON.stringify(after)) {
      appendAudit(sqlite, { actor, action: 'scale.update', entity: 'scale', entityId: scaleId, before, after });
    }
    return updated;
  }).immediate();
}

export function deleteScale(sqlite: Database.Database, scaleId: number, actor: string): void {
  sqlite.transaction(() => {
    const current = getScale(sqlite, scaleId);
    if (!current) throw new DbError('NOT_FOUND', `ランク基準 (id ${scaleId}) がありません`);
    if (current.rounds.length) {
      throw new DbError('CONFLICT', `ランク基準「${current.name}」は評価回 ${current.rounds.map((r) => r.label).join('・')} で使われているため削除できません`);
    }
    sqlite.prepare('DELETE FROM scale_ranks WHERE scale_id = ?').run(scaleId);
    sqlite.prepare('DELETE FROM scales WHERE id = ?').run(scaleId);
    appendAudit(sqlite, { actor, action: 'scale.delete', entity: 'scale', entityId: scaleId, before: stored(current), after: null });
  }).immediate();
}
