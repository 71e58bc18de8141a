// The round form's values and the suggestions it makes from the as-of month: R7.5 and
// 令和7年5月時点 for 2025-05 (the secretariat's own naming).
import { formatWarekiPeriod, parseIsoDate, toWareki } from '../../../../common/wareki';
import type { Input, Round } from '../../../../electron/contract/channels';

export interface RoundDraft {
  label: string;
  title: string;
  /** 'YYYY-MM' (or 'YYYY-MM-DD' for rounds stored that way). */
  asOf: string;
  /** 'YYYY-MM-DD' or '' for not yet known. */
  meetingDate: string;
  scaleId: number | null;
  /** Carry this round's ranks over; null: start blank. */
  carryFromRoundId: number | null;
}

/** R7.5 for 2025-05; '' outside 令和. */
export function suggestLabel(asOf: string): string {
  const d = parseIsoDate(asOf);
  const w = d && toWareki(d);
  return d && w?.era === '令和' ? `R${w.year}.${d.getMonth() + 1}` : '';
}

export const suggestTitle = (asOf: string): string => (parseIsoDate(asOf) ? `${formatWarekiPeriod(asOf)}時点` : '');

export function newDraft(rounds: Round[], now = new Date()): RoundDraft {
  const asOf = `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}`;
  const latest = rounds[0];
  return { label: suggestLabel(asOf), title: suggestTitle(asOf), asOf, meetingDate: '', scaleId: latest?.scaleId ?? null, carryFromRoundId: latest?.id ?? null };
}

export const draftOf = (r: Round): RoundDraft => ({
  label: r.label,
  title: r.title,
  asOf: r.asOf,
  meetingDate: r.meetingDate ?? '',
  scaleId: r.scaleId,
  carryFromRoundId: null,
});

export function toFields(d: RoundDraft): Omit<Input<'rounds.update'>, 'roundId'> {
  return { label: d.label.trim(), title: d.title.trim(), asOf: d.asOf, meetingDate: d.meetingDate || null, scaleId: d.scaleId ?? 0 };
}
