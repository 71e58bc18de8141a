// A modal question before an action that cannot simply be taken back (lock, delete, bulk
// confirmation, undo of a bulk change): what will happen, in words, and two buttons.
import { useEffect, useRef, type ReactNode } from 'react';

export interface ConfirmDialogProps {
  title: string;
  children: ReactNode;
  confirmLabel: string;
  busy?: boolean;
  onConfirm(): void;
  onClose(): void;
}

export function ConfirmDialog({ title, children, confirmLabel, busy, onConfirm, onClose }: ConfirmDialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    ref.current?.showModal();
  }, []);
  return (
    <dialog ref={ref} className="dialog confirm-dialog" aria-label={title} onClose={onClose}>
      <h2>{title}</h2>
      <div className="confirm-body">{children}</div>
      <div className="buttons">
        <button type="button" className="primary" disabled={busy} onClick={onConfirm}>
          {busy ? '処理しています…' : confirmLabel}
        </button>
        <button type="button" onClick={onClose}>
          キャンセル
        </button>
      </div>
    </dialog>
  );
}
