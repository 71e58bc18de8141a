// `xpw publish --db F --round R --out DIR [--comments] [--notes] [--history] [--force]`: the folder
// for the city's website (static HTML and open data). A round that is not locked is published
// with a warning; internal fields only when their option is given.
import { resolve } from 'node:path';
import type { Db } from '../../db/open.js';
import { latestRound, roundByLabel } from '../../db/queries/rounds.js';
import { buildPublication, writePublication } from '../services/publish/publish.js';
import { requireString, type Values } from './command.js';

export const PUBLISH_OPTIONS = {
  db: { type: 'string' },
  round: { type: 'string' },
  out: { type: 'string' },
  comments: { type: 'boolean' },
  notes: { type: 'boolean' },
  history: { type: 'boolean' },
  force: { type: 'boolean' },
} as const;

export async function runPublishCommand(db: Db, values: Values): Promise<number> {
  const out = resolve(requireString(values, 'out'));
  const label = values.round;
  const round = typeof label === 'string' ? roundByLabel(db.sqlite, label) : latestRound(db.sqlite);
  if (!round) throw new Error(typeof label === 'string' ? `評価回「${label}」がありません` : '評価回がありません');
  const pub = buildPublication(db.sqlite, { roundId: round.id, comments: values.comments === true, notes: values.notes === true, history: values.history === true });
  for (const w of pub.warnings) console.warn(`注意: ${w}`);
  await writePublication(pub, out, values.force === true);
  console.log(`${out} に公表用のファイル ${pub.files.size} 件を作成しました (index.html から開けます)`);
  return 0;
}
