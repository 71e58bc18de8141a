// One 所見 for all the selected rows (Enter with several rows selected, or the menu).
import { useEffect, useRef, useState } from 'react';

export interface BulkCommentDialogProps {
  count: number;
  onApply(comment: string): void;
  onClose(): void;
}

export function BulkCommentDialog({ count, onApply, onClose }: BulkCommentDialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const [text, setText] = useState('');
  useEffect(() => {
    const d = ref.current;
    if (d && !d.open) d.showModal();
  }, []);
  return (
    <dialog ref={ref} className="dialog" aria-labelledby="bulk-comment-title" onClose={onClose}>
      <h2 id="bulk-comment-title">選択した {count.toLocaleString('ja-JP')} 件に所見を入力</h2>
      <label>
        所見 (今の所見を置き換えます。1回の Ctrl+Z で元に戻せます)
        <textarea autoFocus rows={4} maxLength={4000} value={text} onChange={(e) => setText(e.target.value)} />
      </label>
      <div className="buttons">
        <button type="button" onClick={() => ref.current?.close()}>
          やめる
        </button>
        <button
          type="button"
          className="primary"
          onClick={() => {
            onApply(text.trim());
            ref.current?.close();
          }}
        >
          {count.toLocaleString('ja-JP')} 件に入力する
        </button>
      </div>
    </dialog>
  );
}
