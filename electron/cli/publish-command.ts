// `xpw publish --db F --round R --out DIR [--comments] [--notes] [--history] [--force]`: the folder
// for the city's website (static HTML and open data). A round that is not locked is published
// with a warning; internal fields only when their option is given.
import { resolve } from 'node:path';
import type { Db } from '../../db/open.js';
import { lookupRound } from '../services/lookup.js';
import { withDb } from './with-db.js';
import { buildPublication, writePublication } from '../services/publish/publish.js';
import { requireString, type Values } from './command.js';

export async function runPublishCommand(db: Db, values: Values): Promise<number> {
  const out = resolve(requireString(values, 'out'));
  const label = values.round;
  const round = lookupRound(db.sqlite, typeof label === 'string' ? label : undefined);
  const pub = buildPublication(db.sqlite, { roundId: round.id, comments: values.comments === true, notes: values.notes === true, history: values.history === true });
  for (const w of pub.warnings) console.warn(`注意: ${w}`);
  await writePublication(pub, out, values.force === true);
  console.log(`${out} に公表用のファイル ${pub.files.size} 件を作成しました (index.html から開けます)`);
  return 0;
}

export const runPublish = (values: Values): Promise<number> => withDb(requireString(values, 'db'), (db) => runPublishCommand(db, values));
