// Asked before a screen with unsaved edits is left (記載ルール): save and go, go without saving, or stay.
import { useRef, useState } from 'react';
import { useModal } from '../lib/useModal';

/** A screen with unsaved edits registers one of these; the app asks before leaving it. */
export interface LeaveGuard {
  /** What is unsaved, in words (「記載ルールの変更」). */
  what: string;
  /** Saves; resolves false when saving failed (the screen shows why) and the user should stay. */
  save(): Promise<boolean>;
}

export function LeaveDialog({ guard, target, onLeave, onStay }: { guard: LeaveGuard; target: string; onLeave(): void; onStay(): void }) {
  const ref = useRef<HTMLDialogElement>(null);
  const stay = useRef<HTMLButtonElement>(null);
  const [busy, setBusy] = useState(false);
  useModal(ref, stay);
  return (
    <dialog ref={ref} className="dialog confirm-dialog" aria-labelledby="leave-title" aria-describedby="leave-body" onClose={onStay}>
      <h2 id="leave-title">保存されていない変更があります</h2>
      <p id="leave-body">
        {guard.what}がまだ保存されていません。「{target}」を開く前に保存しますか。
      </p>
      <div className="buttons">
        <button
          type="button"
          className="primary"
          disabled={busy}
          onClick={() => {
            setBusy(true);
            guard
              .save()
              .then((ok) => (ok ? onLeave() : onStay()))
              .finally(() => setBusy(false));
          }}
        >
          保存して移動
        </button>
        <button type="button" disabled={busy} onClick={onLeave}>
          保存せずに移動
        </button>
        <button type="button" ref={stay} disabled={busy} onClick={onStay}>
          編集を続ける
        </button>
      </div>
    </dialog>
  );
}
