// The header's team-sync indicator: state in plain Japanese, who else is active, 要確認 and held
// changes, and the share's problems in the tooltip-like details.
import { ago, syncStatusText, type SyncViewData } from './useSyncView';

export function SyncStatus({ view }: { view: SyncViewData | null }) {
  if (!view?.joined) return null;
  const trouble = view.error !== null;
  return (
    <details className="sync-status">
      {/* The live region inside the summary: a summary itself may not take the status role (axe). */}
      <summary className={trouble ? 'sync-trouble' : undefined}>
        <span role="status" aria-live="polite">
          {syncStatusText(view)}
          {view.conflictIssueIds.length > 0 && <strong className="sync-conflict"> 要確認 {view.conflictIssueIds.length}件</strong>}
        </span>
      </summary>
      <div className="sync-details small">
        <p>{view.location?.startsWith('postgres') ? 'サーバー (PostgreSQL)' : '共有フォルダ'}: {view.location}</p>
        {view.active.length > 0 ? (
          <ul aria-label="ほかの人の更新">
            {view.active.slice(0, 8).map((a) => (
              <li key={`${a.user}\u0000${a.pc}`}>
                {a.user} さん ({a.pc}): {ago(a.at)}に更新
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted">ほかの人の更新はまだありません</p>
        )}
        {view.held.length > 0 && (
          <>
            <p>確定済みの評価回に後から届いた変更 (適用していません):</p>
            <ul>
              {view.held.map((r) => (
                <li key={r.id}>
                  {r.actor.user} さん ({r.actor.pc}) — {r.key.round} の課題 {r.field === 'rank' ? 'ランク' : '所見'} → {String(r.after ?? '')}
                </li>
              ))}
            </ul>
          </>
        )}
        {view.skewWarning && <p className="sync-trouble">{view.skewWarning.actor} のPCの時計が {Math.round(view.skewWarning.ms / 60000)} 分進んでいます。時刻の設定を確認してください</p>}
        {view.problems.map((p) => (
          <p key={p.where} className="sync-trouble">
            {p.where}: {p.message}
          </p>
        ))}
      </div>
    </details>
  );
}
