// What every handout carries on its first lines: title, meeting, round, page set-up and font.
import { formatWarekiDate, formatWarekiPeriod, parseIsoDate } from '../../../../common/wareki.js';
import type { Round } from '../../../../db/queries/rounds.js';
import type { FontName } from '../fonts.js';
import { pageOf, type ExportKind, type Orientation, type Paper } from '../options.js';

export interface DocMeta {
  /** 局区X方針の進捗状況(Aレベル) */
  title: string;
  /** 令和6年12月20日 X会議, or null when the round has no meeting date. */
  meetingLine: string | null;
  /** 令和6年11月時点 */
  periodLine: string | null;
  /** 作成日 令和6年11月24日 */
  createdLine: string;
  font: FontName;
  paper: Paper;
  orientation: Orientation;
  /** The small line at the top of every page (Word header, PDF header template); null: none. */
  runningHeader: string | null;
  /** Who exported and when. */
  author: string;
  createdAt: Date;
}

export interface MadeBy {
  author: string;
  now?: Date;
}

/** 和暦, with the Western year in brackets when asked: 令和6年12月20日 (2024年). */
export function warekiText(iso: string, seireki: boolean): string {
  const text = formatWarekiPeriod(iso);
  const d = parseIsoDate(iso);
  return seireki && d ? `${text} (${d.getFullYear()}年)` : text;
}

export function meetingLine(round: Round | undefined, seireki: boolean): string | null {
  return round?.meetingDate ? `${warekiText(round.meetingDate, seireki)} X会議` : null;
}

export function docMeta(
  req: { kind: ExportKind; paper?: Paper; orientation?: Orientation; font: FontName; seireki: boolean },
  title: string,
  round: Round | undefined,
  by: MadeBy,
): DocMeta {
  const now = by.now ?? new Date();
  const created = formatWarekiDate(now);
  return {
    title,
    meetingLine: meetingLine(round, req.seireki),
    periodLine: round ? (round.title || warekiText(round.asOf, req.seireki)) : null,
    createdLine: `作成日 ${req.seireki ? `${created} (${now.getFullYear()}年)` : created}`,
    font: req.font,
    ...pageOf(req),
    runningHeader: null,
    author: by.author,
    createdAt: now,
  };
}
