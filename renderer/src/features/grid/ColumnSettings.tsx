// 列の設定: show or hide columns, move them left or right, wrap long text, back to the default
// layout. The same choices as dragging in the header, for the keyboard.
import { useEffect, useRef } from 'react';
import { COLUMN_LABELS, PINNED } from './columns';
import { orderedIds, shiftColumn } from './column-layout';
import { DEFAULT_PREFS, type GridPrefs } from './grid-prefs';

export interface ColumnSettingsProps {
  prefs: GridPrefs;
  onChange(next: GridPrefs): void;
  onClose(): void;
}

export function ColumnSettings({ prefs, onChange, onClose }: ColumnSettingsProps) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = ref.current;
    if (d && !d.open) d.showModal();
  }, []);
  const ids = orderedIds(prefs.order).filter((id) => !PINNED.includes(id));
  return (
    <dialog ref={ref} className="dialog column-settings" aria-labelledby="column-settings-title" onClose={onClose}>
      <h2 id="column-settings-title">列の設定</h2>
      <p className="muted small">局名・番号は常に左端に表示します。列の幅は見出しの右端をドラッグして変えられます。</p>
      <ul className="column-list">
        {ids.map((id, i) => (
          <li key={id}>
            <label className="choice">
              <input
                type="checkbox"
                checked={!prefs.hidden.includes(id)}
                onChange={(e) => onChange({ ...prefs, hidden: e.target.checked ? prefs.hidden.filter((h) => h !== id) : [...prefs.hidden, id] })}
              />
              {COLUMN_LABELS[id]}
            </label>
            <button type="button" aria-label={`${COLUMN_LABELS[id]}を左へ`} disabled={i === 0} onClick={() => onChange({ ...prefs, order: shiftColumn(orderedIds(prefs.order), id, -1) })}>
              ←
            </button>
            <button type="button" aria-label={`${COLUMN_LABELS[id]}を右へ`} disabled={i === ids.length - 1} onClick={() => onChange({ ...prefs, order: shiftColumn(orderedIds(prefs.order), id, 1) })}>
              →
            </button>
          </li>
        ))}
      </ul>
      <label className="choice">
        <input type="checkbox" checked={prefs.wrap} onChange={(e) => onChange({ ...prefs, wrap: e.target.checked })} />
        長い文字を折り返して全文を表示
      </label>
      <div className="buttons">
        <button type="button" onClick={() => onChange({ ...DEFAULT_PREFS, paneWidth: prefs.paneWidth })}>
          元の配置に戻す
        </button>
        <button type="button" className="primary" onClick={() => ref.current?.close()}>
          閉じる
        </button>
      </div>
    </dialog>
  );
}
