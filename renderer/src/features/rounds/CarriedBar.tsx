// Above the grid: the round's state when it needs attention — locked (nothing can change), or
// holding ranks carried over from the previous round that nobody has confirmed yet, with a
// bulk confirmation of the ones the current filter shows.
import { useState } from 'react';
import type { Input, Round } from '../../../../electron/contract/channels';
import { invoke } from '../../api/client';
import { formatDateTime } from '../../lib/format';
import { ConfirmDialog } from './ConfirmDialog';

export interface CarriedBarProps {
  round: Round | null;
  /** Unconfirmed carried ranks among the issues shown. */
  carried: number;
  filter: Input<'rounds.confirmCarried'> | null;
  onConfirmed(message: string): void;
  onError(e: unknown): void;
}

export function CarriedBar({ round, carried, filter, onConfirmed, onError }: CarriedBarProps) {
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  if (!round) return null;
  if (round.lockedAt) {
    return (
      <div className="locked-bar" role="note">
        <span className="lock-badge">ロック中</span> 評価回 {round.label} はロックされています ({round.lockedBy} {formatDateTime(round.lockedAt)})。ランクと所見は変更できません。
      </div>
    );
  }
  if (carried === 0 || !filter) return null;
  return (
    <div className="carried-bar" role="note">
      <span>
        前の評価回から繰り越したまま確認されていないランクが <strong>{carried.toLocaleString('ja-JP')}</strong> 件あります (表示中)。ランクを付け直すか、同じランクのキーを押すと確定します。
      </span>
      <button type="button" onClick={() => setAsking(true)}>
        表示中の繰越 {carried.toLocaleString('ja-JP')} 件を確定…
      </button>
      {asking && (
        <ConfirmDialog
          title="繰越の一括確定"
          confirmLabel="確定する"
          busy={busy}
          onClose={() => setAsking(false)}
          onConfirm={() => {
            setBusy(true);
            invoke('rounds.confirmCarried', filter)
              .then((r) => onConfirmed(`繰越 ${r.confirmed.toLocaleString('ja-JP')} 件を確定しました (監査ログから取り消せます)`))
              .catch(onError)
              .finally(() => {
                setBusy(false);
                setAsking(false);
              });
          }}
        >
          <p>
            表示中の課題のうち、繰越のランク {carried.toLocaleString('ja-JP')} 件をそのままのランクで確定します (評価回 {round.label})。
          </p>
        </ConfirmDialog>
      )}
    </div>
  );
}
