// The export dialog's warning about unconfirmed carried-over ranks (繰越): how many the handout
// would print, a button that confirms them first (as the grid's band does), or the choice to
// print them marked ※ or not to export at all.
import { useState } from 'react';
import { invoke } from '../../api/client';
import type { ExportForm } from './export-form';

interface Props {
  carried: number;
  scope: { roundId: number; organizationIds?: number[]; levels?: ('A' | 'B' | 'C')[] };
  policy: ExportForm['carried'];
  onPolicy(policy: ExportForm['carried']): void;
  /** After confirming: the preview is asked again. */
  onConfirmed(): void;
  onError(e: unknown): void;
}

export function CarriedNotice({ carried, scope, policy, onPolicy, onConfirmed, onError }: Props) {
  const [busy, setBusy] = useState(false);
  if (carried === 0) return null;
  const confirm = () => {
    setBusy(true);
    invoke('rounds.confirmCarried', { ...scope, carried: true })
      .then(onConfirmed)
      .catch(onError)
      .finally(() => setBusy(false));
  };
  return (
    <fieldset className="carried-notice" role="group" aria-label="繰越の確認">
      <legend>繰越 (未確認) のランク</legend>
      <p role="alert" className="warning">
        前回の評価回から繰り越したまま確認されていないランクが <strong>{carried}件</strong> あります。確定したランクとして印刷されないよう、先に確定するか、「※」を付けて出力してください。
      </p>
      <button type="button" onClick={confirm} disabled={busy}>
        {busy ? '確定しています…' : `この${carried}件を確定する`}
      </button>
      <label className="choice">
        <input type="radio" name="carried" checked={policy === 'mark'} onChange={() => onPolicy('mark')} /> 確定せずに「※ 繰越」と明記して出力する
      </label>
      <label className="choice">
        <input type="radio" name="carried" checked={policy === 'refuse'} onChange={() => onPolicy('refuse')} /> 確定するまで出力しない
      </label>
    </fieldset>
  );
}
