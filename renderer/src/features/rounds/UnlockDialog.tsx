// Unlocking a published round: the reason is mandatory and goes into the audit log.
import { useEffect, useRef, useState } from 'react';
import type { Round } from '../../../../electron/contract/channels';

export function UnlockDialog({ round, busy, onUnlock, onClose }: { round: Round; busy: boolean; onUnlock(reason: string): void; onClose(): void }) {
  const ref = useRef<HTMLDialogElement>(null);
  const [reason, setReason] = useState('');
  useEffect(() => {
    ref.current?.showModal();
  }, []);
  return (
    <dialog ref={ref} className="dialog confirm-dialog" aria-label="ロックの解除" onClose={onClose}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (reason.trim()) onUnlock(reason.trim());
        }}
      >
        <h2>評価回 {round.label} のロックを解除</h2>
        <p>公表済みの評価回です。解除するとランクと所見を再び変更できるようになります。解除の理由は監査ログに記録されます。</p>
        <label>
          解除の理由 (必須)
          <textarea value={reason} rows={3} maxLength={500} required onChange={(e) => setReason(e.target.value)} placeholder="例: 公表資料の誤記を訂正するため" />
        </label>
        <div className="buttons">
          <button type="submit" className="primary" disabled={busy || !reason.trim()}>
            {busy ? '処理しています…' : 'ロックを解除'}
          </button>
          <button type="button" onClick={onClose}>
            キャンセル
          </button>
        </div>
      </form>
    </dialog>
  );
}
