// `xpw pack --db F --out FILE.pdf [--round R] [--meeting NAME] [--materials report,compare,org]
// [--font NAME] [--seireki] [--force]`: the X会議 pack — cover, 資料1 … and continuous page numbers.
import { existsSync } from 'node:fs';
import { rename, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Db } from '../../db/open.js';
import { lookupRound } from '../services/lookup.js';
import { withDb } from './with-db.js';
import { currentActor } from '../services/actor.js';
import { resolveFontName } from '../services/export/fonts.js';
import { chromiumPrinter } from '../services/export/pdf/chromium-printer.js';
import { buildMeetingPack, type MaterialKind } from '../services/pack/meeting-pack.js';
import { readExportDefaults } from '../services/settings/export-defaults.js';
import { requireString, type Values } from './command.js';

const KINDS: Record<string, MaterialKind> = { report: 'report', 報告: 'report', compare: 'compare', 比較表: 'compare', org: 'org', 局区別: 'org' };

export async function runPackCommand(db: Db, values: Values): Promise<number> {
  const out = resolve(requireString(values, 'out'));
  if (existsSync(out) && !values.force) throw new Error(`出力先が既にあります: ${out} (上書きするには --force)`);
  const label = values.round;
  const round = lookupRound(db.sqlite, typeof label === 'string' ? label : undefined);
  const materials =
    typeof values.materials === 'string'
      ? values.materials.split(/[,、，]/).map((s) => {
          const k = KINDS[s.trim()];
          if (!k) throw new Error(`--materials: 「${s}」は選べません (report, compare, org)`);
          return k;
        })
      : undefined;
  const font = typeof values.font === 'string' ? resolveFontName(values.font) : readExportDefaults(db.sqlite).font;
  if (!font) throw new Error(`--font: 「${String(values.font)}」は選べません`);
  const printer = chromiumPrinter();
  try {
    const pack = await buildMeetingPack(
      db.sqlite,
      { roundId: round.id, meetingName: typeof values.meeting === 'string' ? values.meeting : undefined, materials, font, seireki: values.seireki === true },
      printer,
      { author: currentActor(db.sqlite) },
    );
    const temp = `${out}.${process.pid}.tmp`;
    await writeFile(temp, pack.bytes);
    await rename(temp, out);
    for (const w of pack.warnings) console.warn(`注意: ${w}`);
    for (const m of pack.materials) console.log(`資料${m.number} ${m.title} (${m.firstPage}〜${m.firstPage + m.pages - 1}ページ)`);
    console.log(`${out} を作成しました (表紙と ${pack.pages - 1} ページ)`);
    return 0;
  } finally {
    await printer.close();
  }
}

export const runPack = (values: Values): Promise<number> => withDb(requireString(values, 'db'), (db) => runPackCommand(db, values));
