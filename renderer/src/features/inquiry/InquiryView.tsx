// The 照会 tab: send a new inquiry (one pre-filled workbook per 局区, saved as one .zip), follow
// which 局区 have returned on the board, and collect the returns into new versions.
import { useCallback, useEffect, useState } from 'react';
import type { InquiryBoard } from '../../../../electron/contract/channels';
import { formatWarekiPeriod } from '../../../../common/wareki';
import { invoke } from '../../api/client';
import { downloadUrl } from '../../api/download';
import { InquiryBoardTable } from './InquiryBoardTable';
import { ReturnsPanel } from './ReturnsPanel';

export function InquiryView({ onError, onChanged }: { onError(e: unknown): void; onChanged(): void }) {
  const [board, setBoard] = useState<InquiryBoard | null>(null);
  const [selected, setSelected] = useState<number | null>(null);
  const [label, setLabel] = useState('');
  const [title, setTitle] = useState('');
  const [deadline, setDeadline] = useState('');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);

  const load = useCallback(
    (id: number | null) =>
      invoke('inquiry.board', id === null ? {} : { inquiryId: id })
        .then((b) => {
          setBoard(b);
          setSelected(b.inquiry?.id ?? null);
        })
        .catch(onError),
    [onError],
  );
  useEffect(() => {
    void load(null);
  }, [load]);

  async function generate() {
    setBusy(true);
    setMessage(null);
    try {
      const r = await invoke('inquiry.generate', {
        ...(label.trim() && { label: label.trim() }),
        ...(title.trim() && { title: title.trim() }),
        ...(deadline && { deadline }),
      });
      if (r.delivery.kind === 'download') downloadUrl(r.delivery.url, r.fileName);
      setMessage(
        r.delivery.kind === 'cancelled'
          ? '照会を作成しました (様式の保存は取りやめました)'
          : `照会 ${r.label} を作成し、${r.forms} 局区の様式を「${r.fileName}」に保存しました${r.delivery.kind === 'saved' ? ` (${r.delivery.path})` : ''}`,
      );
      await load(r.inquiryId);
    } catch (e) {
      onError(e);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="inquiry-view">
      <section className="inquiry-new" aria-label="新しい照会">
        <h2>新しい照会</h2>
        <div className="row">
          <label>
            版のラベル
            <input value={label} onChange={(e) => setLabel(e.target.value)} placeholder="例: R7.2 (空欄は今月)" maxLength={40} />
          </label>
          <label>
            件名
            <input value={title} onChange={(e) => setTitle(e.target.value)} placeholder="例: X方針バージョンアップ照会" maxLength={100} />
          </label>
          <label>
            提出期限
            <input type="date" value={deadline} onChange={(e) => setDeadline(e.target.value)} />
            <span className="muted small">{deadline && formatWarekiPeriod(deadline)}</span>
          </label>
          <button type="button" disabled={busy} onClick={() => void generate()}>
            {busy ? '作成しています…' : '局区ごとの様式を作成して保存…'}
          </button>
        </div>
        {message && (
          <p role="status" className="notice-ok">
            {message}
          </p>
        )}
      </section>
      {board && board.inquiries.length === 0 && <p className="muted">まだ照会はありません。</p>}
      <div className="inquiry-main">
      {board && board.inquiries.length > 0 && (
        <section aria-label="回答状況の一覧">
          <label>
            照会
            <select value={selected ?? ''} onChange={(e) => void load(Number(e.target.value))}>
              {board.inquiries.map((q) => (
                <option key={q.id} value={q.id}>
                  {q.label} {q.title} (回答 {q.returned}/{q.forms})
                </option>
              ))}
            </select>
          </label>
          {board.inquiry && <InquiryBoardTable board={board.inquiry} />}
        </section>
      )}
      <ReturnsPanel
        inquiryId={selected}
        onCollected={() => {
          onChanged();
          void load(selected);
        }}
      />
      </div>
    </div>
  );
}
