// `xpw rank set --db F --round R --issue KEY --rank V [--comment TEXT]` (or --comment alone): one
// evaluation changed as the grid changes it — same checks (locked round, value in the scale), same
// audit entry, undoable from the app.
import type { Db } from '../../db/open.js';
import { DbError } from '../../db/errors.js';
import { setComment, setRank } from '../../db/write/evaluations.js';
import { currentActor } from '../services/actor.js';
import { lookupIssue, lookupRound } from '../services/lookup.js';
import { requireString, type Values } from './command.js';
import { withDb } from './with-db.js';

/** A rank as typed: the value or its label (ランク3), full-width or not; 未評価 / none clears it. */
function rankValue(round: ReturnType<typeof lookupRound>, raw: string): string | null {
  const k = raw.normalize('NFKC').trim();
  if (k === '' || k === '未評価' || k.toLowerCase() === 'none') return null;
  const r = round.ranks.find((x) => x.value === k || x.label.normalize('NFKC') === k);
  if (!r) throw new DbError('INVALID', `ランク「${raw}」は評価回 ${round.label} のランク基準「${round.scaleName}」にありません (${round.ranks.map((x) => x.value).join(', ')}、未評価)`);
  return r.value;
}

function set(db: Db, values: Values): number {
  const rank = typeof values.rank === 'string' ? values.rank : undefined;
  const comment = typeof values.comment === 'string' ? values.comment : undefined;
  if (rank === undefined && comment === undefined) throw new Error('--rank か --comment (または両方) を指定してください');
  const round = lookupRound(db.sqlite, requireString(values, 'round'));
  const key = requireString(values, 'issue');
  const issueId = lookupIssue(db.sqlite, key);
  const actor = currentActor(db.sqlite);
  const said: string[] = [];
  // Two audited changes when both are given, as two edits in the grid would be.
  if (rank !== undefined) {
    const r = setRank(db.sqlite, { issueId, roundId: round.id, rank: rankValue(round, rank), actor });
    said.push(`ランク ${r.row.rank ?? '未評価'}`);
  }
  if (comment !== undefined) {
    setComment(db.sqlite, { issueId, roundId: round.id, comment, actor });
    said.push(comment ? '所見' : '所見 (削除)');
  }
  console.log(`${key} (評価回 ${round.label}): ${said.join('・')} を記録しました`);
  return 0;
}

export function runRankCommand(values: Values, positionals: string[]): Promise<number> {
  const [sub, ...rest] = positionals;
  if (sub !== 'set') throw new Error('rank の後に set を指定してください (xpw rank set --db F --round R --issue KEY --rank V [--comment TEXT])');
  if (rest.length) throw new Error(`余分な引数があります: ${rest.join(' ')}`);
  return withDb(requireString(values, 'db'), (db) => set(db, values));
}
