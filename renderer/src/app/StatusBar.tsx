// The bottom line: the last message (or the keys of the ranking screen), how many rows are
// selected, and the button to the grid's column settings.
import type { Round } from '../../../electron/contract/channels';
import { rankKeysHint } from './rank-keys';

export function StatusBar({ status, round, onGrid, selected, onColumns }: { status: string; round: Round | null; onGrid: boolean; selected: number; onColumns(): void }) {
  return (
    <footer className="statusbar">
      <span className="status-text" aria-live="polite">
        {status || `↑↓で移動、${round ? rankKeysHint(round.ranks) : '1/2/3'}でランク、Enterで所見、Dで版の比較、Ctrl+Zで元に戻す、Shift・Ctrl+クリックで複数選択、右クリックでメニュー`}
      </span>
      {onGrid && selected > 1 && (
        <span className="selection-count" role="status">
          {selected.toLocaleString('ja-JP')} 件を選択中 — ランクのキーで全件に設定、Enterで所見、Ctrl+C / Ctrl+V
        </span>
      )}
      {onGrid && (
        <button type="button" className="columns-button" onClick={onColumns} title="列の表示・順序・幅・折り返し">
          列の設定…
        </button>
      )}
    </footer>
  );
}
