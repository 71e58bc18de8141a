// Unconfirmed carried-over ranks (繰越) in an export: how many there are in its scope, the mark
// they are printed with, the note that explains it, and the refusal when the user asked for one.
import { DbError } from '../../../../db/errors.js';
import type { Round } from '../../../../db/queries/rounds.js';
import type { CarriedPolicy } from '../options.js';

/** Printed after a carried rank (2※) and in front of the note explaining it. */
export const CARRIED_MARK = '※';

export const carriedNote = (n: number): string =>
  `${CARRIED_MARK} 前回の評価回から繰り越したランクで、まだ確認されていないもの (${n}件)`;

/** The warning the dialog and the CLI show after an export that printed carried ranks marked. */
export const carriedWarning = (round: Round, n: number): string =>
  `評価回「${round.label}」の確認されていない繰越のランク ${n}件に「${CARRIED_MARK}」を付けて出力しました (ランク付け画面または評価回タブで確定できます)`;

/** Throws when carried ranks are in scope and the user asked to refuse them. */
export function checkCarried(round: Round, n: number, policy: CarriedPolicy): void {
  if (n > 0 && policy === 'refuse') {
    throw new DbError(
      'INVALID',
      `評価回「${round.label}」に確認されていない繰越のランクが ${n}件あります。ランク付け画面の「繰越を確定」か評価回タブの「繰越をすべて確定」で確定してから出力するか、「${CARRIED_MARK}」を付けて出力してください`,
    );
  }
}
