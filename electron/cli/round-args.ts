// What `xpw round create` and `xpw import --create-round` share: the new round's fields from the
// command line (label, as-of month, title, X会議 date, ランク基準 by name or from a template,
// carried over from a round or blank), created through the same service as the app's form.
import type { Db } from '../../db/open.js';
import { DbError } from '../../db/errors.js';
import { checkRoundFields } from '../../db/queries/round-fields.js';
import { listRounds, type Round } from '../../db/queries/rounds.js';
import { listScales } from '../../db/queries/scales.js';
import { createScale } from '../../db/write/scales.js';
import { SCALE_TEMPLATES } from '../../common/scale-templates.js';
import { formatWarekiPeriod } from '../../common/wareki.js';
import { currentActor } from '../services/actor.js';
import { lookupRound } from '../services/lookup.js';
import { createRoundSafely } from '../services/rounds/bulk.js';
import type { Values } from './command.js';

const str = (values: Values, name: string): string | undefined => (typeof values[name] === 'string' ? (values[name] as string) : undefined);

/** --scale-template: 1–3, the template's name, or a word of it (3段階, 未着手, S). */
function template(name: string): (typeof SCALE_TEMPLATES)[number] {
  const k = name.normalize('NFKC').trim();
  const t = /^\d+$/.test(k) ? SCALE_TEMPLATES[Number(k) - 1] : SCALE_TEMPLATES.find((x) => x.name === k || x.name.normalize('NFKC').includes(k));
  if (!t) throw new DbError('NOT_FOUND', `--scale-template: ひな形「${name}」がありません (${SCALE_TEMPLATES.map((x, i) => `${i + 1}: ${x.name}`).join(' / ')})`);
  return t;
}

/**
 * The scale: --scale names an existing one; --scale-template makes one from a template (or reuses
 * the one of that name); otherwise the carry source's, the latest round's, or the document's
 * 3-level template.
 */
export function scaleFromArgs(db: Db, values: Values, fallback: Round | undefined): number {
  const scales = listScales(db.sqlite);
  const named = str(values, 'scale');
  if (named) {
    const s = scales.find((x) => x.name === named.trim() || String(x.id) === named.trim());
    if (!s) throw new DbError('NOT_FOUND', `ランク基準「${named}」がありません (あるもの: ${scales.map((x) => x.name).join('、') || 'なし'})`);
    return s.id;
  }
  const tplName = str(values, 'scale-template');
  if (!tplName && fallback) return fallback.scaleId;
  const t = template(tplName ?? '1');
  const same = scales.find((x) => x.name === t.name);
  if (same) return same.id;
  return createScale(db.sqlite, { name: t.name, ranks: t.ranks }, currentActor(db.sqlite)).id;
}

/** Creates a round as the app's form does (a carry-over takes a verified backup first). */
export async function createRoundFromArgs(db: Db, values: Values): Promise<{ round: Round; carried: number }> {
  const label = str(values, 'label');
  if (!label) throw new DbError('INVALID', '--label: 評価回のラベル (例: R7.5) を指定してください');
  const asOf = str(values, 'as-of');
  if (!asOf) throw new DbError('INVALID', `--as-of: 評価回「${label}」の時点 (例: 2025-05) を指定してください`);
  const from = str(values, 'carry-from');
  const source = from ? lookupRound(db.sqlite, from) : undefined;
  const title = str(values, 'title') ?? str(values, 'round-title') ?? `${formatWarekiPeriod(asOf)}時点`;
  const fields = { label, title, asOf, meetingDate: str(values, 'meeting-date') ?? null };
  // The round's own fields are checked before a scale is made from a template for it.
  const anyScale = listScales(db.sqlite)[0];
  if (anyScale) checkRoundFields(db.sqlite, { ...fields, scaleId: anyScale.id }, null);
  const scaleId = scaleFromArgs(db, values, source ?? listRounds(db.sqlite)[0]);
  return createRoundSafely(db, { ...fields, scaleId, carryFromRoundId: source?.id ?? null }, currentActor(db.sqlite));
}
