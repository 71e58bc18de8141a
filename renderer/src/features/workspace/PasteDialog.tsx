// The short confirmation before a paste from Excel is written: which rows change from what to
// what (ランク or 所見, switchable), what is left alone and what cannot be pasted. One change,
// one Ctrl+Z.
import { useEffect, useRef } from 'react';
import type { PastePlan, PasteField } from '../grid/paste-plan';

export interface PasteDialogProps {
  plan: PastePlan;
  onField(field: PasteField): void;
  onApply(): void;
  onClose(): void;
}

const LABEL: Record<PasteField, string> = { rank: 'ランク', comment: '所見' };
const SHOWN = 200;

export function PasteDialog({ plan, onField, onApply, onClose }: PasteDialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const applyRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    const d = ref.current;
    if (d && !d.open) d.showModal();
    applyRef.current?.focus();
  }, []);
  const show = (v: string | null) => (plan.field === 'rank' ? (v ?? '未評価') : v || '(空)');
  const blocked = plan.errors.length > 0 || plan.changes.length === 0;
  return (
    <dialog ref={ref} className="dialog paste-dialog" aria-labelledby="paste-title" onClose={onClose}>
      <h2 id="paste-title">貼り付けの確認</h2>
      <fieldset className="paste-field">
        <legend>貼り付ける項目</legend>
        {(['rank', 'comment'] as const).map((f) => (
          <label key={f} className="choice">
            <input type="radio" name="paste-field" checked={plan.field === f} onChange={() => onField(f)} />
            {LABEL[f]}
          </label>
        ))}
      </fieldset>
      <p role="status">
        {plan.changes.length.toLocaleString('ja-JP')} 件の{LABEL[plan.field]}を変更します
        {plan.unchanged > 0 && `（同じ値 ${plan.unchanged} 件は変更なし）`}
        {plan.empty > 0 && `（空のセル ${plan.empty} 件はそのまま）`}。1回の Ctrl+Z で元に戻せます。
      </p>
      {plan.errors.length > 0 && (
        <div role="alert" className="error-text">
          <p>貼り付けられない値があります。直してからもう一度貼り付けてください:</p>
          <ul>
            {plan.errors.slice(0, 10).map((e) => (
              <li key={e}>{e}</li>
            ))}
            {plan.errors.length > 10 && <li>ほか {plan.errors.length - 10} 件</li>}
          </ul>
        </div>
      )}
      {plan.changes.length > 0 && (
        <div className="paste-changes" tabIndex={0} role="region" aria-label="変更の一覧">
          <table className="plain-table">
            <thead>
              <tr>
                <th scope="col">課題</th>
                <th scope="col">課題名</th>
                <th scope="col">変更前</th>
                <th scope="col">変更後</th>
              </tr>
            </thead>
            <tbody>
              {plan.changes.slice(0, SHOWN).map((c) => (
                <tr key={c.issueId}>
                  <td>{c.key}</td>
                  <td>{c.title}</td>
                  <td>{show(c.before)}</td>
                  <td>
                    <strong>{show(c.after)}</strong>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {plan.changes.length > SHOWN && <p className="muted small">ほか {(plan.changes.length - SHOWN).toLocaleString('ja-JP')} 件</p>}
        </div>
      )}
      <div className="buttons">
        <button type="button" onClick={() => ref.current?.close()}>
          やめる
        </button>
        <button ref={applyRef} type="button" className="primary" disabled={blocked} onClick={onApply}>
          {plan.changes.length.toLocaleString('ja-JP')} 件を変更する
        </button>
      </div>
    </dialog>
  );
}
