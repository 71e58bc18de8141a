// ランク基準 as data: create, edit and delete scales (ranks with value, label, definition, order).
// A scale in use keeps what its rounds need: the rank values they hold cannot go, and a scale
// used by a locked (published) round cannot change at all — its labels and definitions are
// printed in what was published. Recorded, one transaction each.
import type Database from 'better-sqlite3';
import { DbError } from '../errors.js';
import type { ScaleRank } from '../queries/rounds.js';
import { checkInput, checkNameFree, getScale, ranksInUse, stored, type ScaleInfo, type ScaleInput, type ScaleRankInput } from '../queries/scales.js';
import { readSyncState } from '../queries/sync.js';
import { recordChange, writeTransaction } from './change.js';

export interface NewScale {
  name: string;
  ranks: ScaleRank[];
}

/** A scale as the sample (or a benchmark) seeds it into a new database, with its sort orders. */
export function insertScale(sqlite: Database.Database, scale: NewScale): number {
  const id = Number(sqlite.prepare('INSERT INTO scales (name) VALUES (?)').run(scale.name).lastInsertRowid);
  const ins = sqlite.prepare(
    'INSERT INTO scale_ranks (scale_id, value, label, definition, sort_order) VALUES (?, ?, ?, ?, ?)',
  );
  for (const r of scale.ranks) ins.run(id, r.value, r.label, r.definition, r.sortOrder);
  return id;
}

function writeRanks(sqlite: Database.Database, scaleId: number, ranks: ScaleRankInput[]): void {
  sqlite.prepare('DELETE FROM scale_ranks WHERE scale_id = ?').run(scaleId);
  const ins = sqlite.prepare('INSERT INTO scale_ranks (scale_id, value, label, definition, sort_order) VALUES (?, ?, ?, ?, ?)');
  // Higher sort_order is further along: the first line (highest) gets the largest number.
  ranks.forEach((r, i) => ins.run(scaleId, r.value, r.label, r.definition, ranks.length - i));
}

export function createScale(sqlite: Database.Database, input: ScaleInput, actor: string): ScaleInfo {
  return writeTransaction(sqlite, () => {
    const s = checkInput(input);
    checkNameFree(sqlite, s.name, null);
    const id = Number(sqlite.prepare('INSERT INTO scales (name) VALUES (?)').run(s.name).lastInsertRowid);
    writeRanks(sqlite, id, s.ranks);
    const created = getScale(sqlite, id)!;
    recordChange(sqlite, { actor, action: 'scale.create', entity: 'scale', entityId: id, after: stored(created) });
    return created;
  });
}

export function updateScale(sqlite: Database.Database, scaleId: number, input: ScaleInput, actor: string): ScaleInfo {
  return writeTransaction(sqlite, () => {
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
    // Team sync names a scale by its name on every PC: a shared scale keeps its name.
    if (s.name !== current.name && readSyncState(sqlite, 'actorId')) {
      throw new DbError('INVALID', `共有中のデータではランク基準の名前 (${current.name}) を変更できません。「複製」して新しい名前で作ってください`);
    }
    const kept = new Set(s.ranks.map((r) => r.value));
    const inUse = ranksInUse(sqlite, scaleId);
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
      recordChange(sqlite, { actor, action: 'scale.update', entity: 'scale', entityId: scaleId, before, after });
    }
    return updated;
  });
}

export function deleteScale(sqlite: Database.Database, scaleId: number, actor: string): void {
  writeTransaction(sqlite, () => {
    const current = getScale(sqlite, scaleId);
    if (!current) throw new DbError('NOT_FOUND', `ランク基準 (id ${scaleId}) がありません`);
    if (current.rounds.length) {
      throw new DbError('CONFLICT', `ランク基準「${current.name}」は評価回 ${current.rounds.map((r) => r.label).join('・')} で使われているため削除できません`);
    }
    sqlite.prepare('DELETE FROM scale_ranks WHERE scale_id = ?').run(scaleId);
    sqlite.prepare('DELETE FROM scales WHERE id = ?').run(scaleId);
    recordChange(sqlite, { actor, action: 'scale.delete', entity: 'scale', entityId: scaleId, before: stored(current), after: null });
  });
}
