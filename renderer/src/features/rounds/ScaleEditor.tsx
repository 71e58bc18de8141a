// Editing one ランク基準: its name and its ranks (value typed on the grid, label shown, definition
// printed in the report), highest first; the server refuses what rounds still need.
import { useState } from 'react';
import type { RankDraft } from './scale-templates';

export interface ScaleDraft {
  id: number | null;
  name: string;
  ranks: RankDraft[];
}

export function ScaleEditor({ initial, busy, onSave, onCancel }: { initial: ScaleDraft; busy: boolean; onSave(d: ScaleDraft): void; onCancel(): void }) {
  const [d, setD] = useState(initial);
  const setRank = (i: number, patch: Partial<RankDraft>) => setD((x) => ({ ...x, ranks: x.ranks.map((r, j) => (j === i ? { ...r, ...patch } : r)) }));
  const move = (i: number, by: number) =>
    setD((x) => {
      const ranks = [...x.ranks];
      const [r] = ranks.splice(i, 1);
      ranks.splice(i + by, 0, r!);
      return { ...x, ranks };
    });
  return (
    <form
      className="scale-editor"
      aria-label="ランク基準の編集"
      onSubmit={(e) => {
        e.preventDefault();
        onSave(d);
      }}
    >
      <label>
        名前
        <input value={d.name} required maxLength={40} onChange={(e) => setD({ ...d, name: e.target.value })} />
      </label>
      <p className="muted small">上ほど高い (進んだ) ランクです。「値」は一覧でキー入力・保存される記号です (1〜9のキーは低い順に割り当て)。</p>
      <table className="plain-table">
        <thead>
          <tr>
            <th>値</th>
            <th>表示名</th>
            <th>定義</th>
            <th>
              <span className="sr-only">操作</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {d.ranks.map((r, i) => (
            <tr key={i}>
              <td>
                <input aria-label={`${i + 1} 行目の値`} className="narrow" value={r.value} required maxLength={20} onChange={(e) => setRank(i, { value: e.target.value })} />
              </td>
              <td>
                <input aria-label={`${i + 1} 行目の表示名`} value={r.label} required maxLength={40} onChange={(e) => setRank(i, { label: e.target.value })} />
              </td>
              <td>
                <input aria-label={`${i + 1} 行目の定義`} className="wide" value={r.definition} maxLength={500} onChange={(e) => setRank(i, { definition: e.target.value })} />
              </td>
              <td className="nowrap">
                <button type="button" aria-label="上へ" disabled={i === 0} onClick={() => move(i, -1)}>
                  ↑
                </button>
                <button type="button" aria-label="下へ" disabled={i === d.ranks.length - 1} onClick={() => move(i, 1)}>
                  ↓
                </button>
                <button type="button" aria-label="この行を削除" disabled={d.ranks.length === 1} onClick={() => setD({ ...d, ranks: d.ranks.filter((_, j) => j !== i) })}>
                  ×
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="buttons">
        <button type="button" disabled={d.ranks.length >= 10} onClick={() => setD({ ...d, ranks: [...d.ranks, { value: '', label: '', definition: '' }] })}>
          ＋ ランクを追加
        </button>
        <span className="spacer" />
        <button type="submit" className="primary" disabled={busy}>
          保存
        </button>
        <button type="button" onClick={onCancel}>
          キャンセル
        </button>
      </div>
    </form>
  );
}
