// `xpw round list|create|edit|lock|unlock|confirm-carried|delete`: the 評価回 tab on the command
// line, on the same services (db/queries/round-admin, electron/services/rounds) and so with the
// same checks, backups before bulk changes and audit entries.
import type { Db } from '../../db/open.js';
import { listOrganizations } from '../../db/queries/organizations.js';
import { roundStats } from '../../db/queries/round-admin.js';
import { lockRound, unlockRound, updateRound } from '../../db/write/rounds.js';
import { listRounds, type Round } from '../../db/queries/rounds.js';
import { currentActor } from '../services/actor.js';
import { lookupOrganization, lookupRound } from '../services/lookup.js';
import { confirmCarriedSafely, deleteRoundSafely } from '../services/rounds/bulk.js';
import { requireString, type Values } from './command.js';
import { createRoundFromArgs, scaleFromArgs } from './round-args.js';
import { withDb } from './with-db.js';

const SUBCOMMANDS = ['list', 'create', 'edit', 'lock', 'unlock', 'confirm-carried', 'delete'];
const str = (values: Values, name: string): string | undefined => (typeof values[name] === 'string' ? (values[name] as string) : undefined);
const describe = (r: Round) => `${r.label} (${r.title}、時点 ${r.asOf}${r.meetingDate ? `、X会議 ${r.meetingDate}` : ''}、ランク基準「${r.scaleName}」${r.lockedAt ? '、ロック中' : ''})`;

function list(db: Db, values: Values): number {
  const rounds = listRounds(db.sqlite);
  const stats = new Map(roundStats(db.sqlite).map((s) => [s.roundId, s]));
  if (values.json) {
    console.log(JSON.stringify(rounds.map((r) => ({ ...r, ...stats.get(r.id) })), null, 2));
    return 0;
  }
  if (!rounds.length) {
    console.log('評価回はまだありません (xpw round create --db … --label R7.5 --as-of 2025-05 で作成します)');
    return 0;
  }
  console.log('ラベル\t名称\t時点\tX会議\tランク基準\tランク付け済\t繰越(未確認)\t所見\tロック');
  for (const r of rounds) {
    const s = stats.get(r.id);
    console.log([r.label, r.title, r.asOf, r.meetingDate ?? '—', r.scaleName, s?.ranked ?? 0, s?.carried ?? 0, s?.comments ?? 0, r.lockedAt ? `ロック中 (${r.lockedBy})` : '—'].join('\t'));
  }
  return 0;
}

async function create(db: Db, values: Values): Promise<number> {
  const { round, carried } = await createRoundFromArgs(db, values);
  console.log(`評価回を作成しました: ${describe(round)}${carried ? ` — ランク ${carried} 件を繰越として引き継ぎました (確定は xpw round confirm-carried)` : ''}`);
  return 0;
}

function edit(db: Db, values: Values): number {
  const round = lookupRound(db.sqlite, requireString(values, 'round'));
  const meeting = str(values, 'meeting-date');
  const updated = updateRound(
    db.sqlite,
    round.id,
    {
      label: str(values, 'label') ?? round.label,
      title: str(values, 'title') ?? round.title,
      asOf: str(values, 'as-of') ?? round.asOf,
      meetingDate: meeting === undefined ? round.meetingDate : meeting === '' || meeting === 'なし' ? null : meeting,
      scaleId: str(values, 'scale') || str(values, 'scale-template') ? scaleFromArgs(db, values, round) : round.scaleId,
    },
    currentActor(db.sqlite),
  );
  console.log(`評価回を変更しました: ${describe(updated)}`);
  return 0;
}

async function confirmCarried(db: Db, values: Values): Promise<number> {
  const round = lookupRound(db.sqlite, requireString(values, 'round'));
  const orgs = listOrganizations(db.sqlite);
  const org = str(values, 'org');
  const levels = str(values, 'levels');
  const r = await confirmCarriedSafely(
    db,
    {
      roundId: round.id,
      organizationIds: org ? org.split(/[,、，]/).map((n) => lookupOrganization(db.sqlite, n.trim(), orgs).id) : undefined,
      levels: levels ? (levels.split(/[,、，]/).map((l) => l.trim().toUpperCase()) as ('A' | 'B' | 'C')[]) : undefined,
    },
    currentActor(db.sqlite),
  );
  console.log(r.confirmed ? `評価回 ${round.label} の繰越 ${r.confirmed} 件を確定しました (監査ログ ${r.auditId}、評価回タブから取り消せます)` : `評価回 ${round.label} に確定する繰越はありません`);
  return 0;
}

async function run(db: Db, sub: string, values: Values): Promise<number> {
  if (sub === 'list') return list(db, values);
  if (sub === 'create') return create(db, values);
  if (sub === 'edit') return edit(db, values);
  if (sub === 'confirm-carried') return confirmCarried(db, values);
  const round = lookupRound(db.sqlite, requireString(values, 'round'));
  const actor = currentActor(db.sqlite);
  if (sub === 'lock') {
    lockRound(db.sqlite, round.id, actor);
    console.log(`評価回 ${round.label} をロックしました`);
  } else if (sub === 'unlock') {
    unlockRound(db.sqlite, round.id, str(values, 'reason') ?? '', actor);
    console.log(`評価回 ${round.label} のロックを解除しました (理由は監査ログに記録しました)`);
  } else {
    const r = await deleteRoundSafely(db, round.id, actor);
    console.log(`評価回 ${r.label} を削除しました${r.discarded ? ` (未確認の繰越 ${r.discarded} 件も削除)` : ''}`);
  }
  return 0;
}

export function runRoundCommand(values: Values, positionals: string[]): Promise<number> {
  const [sub, ...rest] = positionals;
  if (!sub || !SUBCOMMANDS.includes(sub)) throw new Error(`round の後に ${SUBCOMMANDS.join(' | ')} を指定してください`);
  if (rest.length) throw new Error(`余分な引数があります: ${rest.join(' ')}`);
  return withDb(requireString(values, 'db'), (db) => run(db, sub, values));
}
