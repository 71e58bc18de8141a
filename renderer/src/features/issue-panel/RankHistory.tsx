// ランクの推移: the selected issue's rank in every round, oldest first, with ▲/▼ against the round
// before, 繰越 marks and each round's 所見 on hover.
import { useEffect, useState } from 'react';
import type { RankHistoryEntry } from '../../../../electron/contract/channels';
import { invoke } from '../../api/client';

const MOVE = { up: { mark: '▲', cls: 'move-up', text: '上昇' }, down: { mark: '▼', cls: 'move-down', text: '下降' }, same: { mark: '→', cls: '', text: '変化なし' } } as const;

export function RankHistory({ issueId, roundId, version }: { issueId: number; roundId: number; version: string }) {
  const [rows, setRows] = useState<RankHistoryEntry[]>([]);
  useEffect(() => {
    let live = true;
    invoke('rounds.history', { issueId })
      .then((r) => live && setRows(r))
      .catch(() => live && setRows([]));
    return () => {
      live = false;
    };
  }, [issueId, version]);
  if (rows.length < 2) return null;
  return (
    <section aria-label="ランクの推移" className="rank-history">
      <h3>ランクの推移</h3>
      <table>
        <thead>
          <tr>
            <th scope="col">評価回</th>
            <th scope="col">ランク</th>
            <th scope="col">前回比</th>
            <th scope="col">所見</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((h) => {
            const move = h.change ? MOVE[h.change] : null;
            return (
              <tr key={h.roundId} className={h.roundId === roundId ? 'current' : undefined}>
                <th scope="row" title={h.title}>
                  {h.label}
                  {h.locked && <span className="lock-badge" title="ロック中">ロック</span>}
                </th>
                <td>
                  {h.rankLabel ?? <span className="muted">未評価</span>}
                  {h.carried && <span className="carried-badge">繰越</span>}
                </td>
                <td>{move && <span className={move.cls} title={move.text}>{move.mark}</span>}</td>
                <td className="muted small" title={h.comment}>
                  {h.comment.length > 18 ? `${h.comment.slice(0, 18)}…` : h.comment}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}
