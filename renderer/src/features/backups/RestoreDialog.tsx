// Restore, step 2: what the chosen file holds next to what the database holds now, the safety
// copy that will be taken first, and an explicit confirmation. After the restore the whole
// screen reloads: every list, the undo history and the open issue belong to the old data.
import { useEffect, useRef, useState } from 'react';
import type { DatabaseSummary, JobStatus, PreparedView, RestoreResult } from '../../../../electron/contract/channels';
import { ApiError, invoke } from '../../api/client';
import { followJob, jobProgressText } from '../../api/jobs';
import { formatBytes, summaryRows } from './backup-format';

export interface RestoreDialogProps {
  prepared: PreparedView;
  current: DatabaseSummary;
  onClose(): void;
}

export function RestoreDialog({ prepared, current, onClose }: RestoreDialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const [confirmed, setConfirmed] = useState(false);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<RestoreResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  /** The restore's job while it runs (its steps are shown on the button line). */
  const [job, setJob] = useState<JobStatus | null>(null);

  useEffect(() => {
    ref.current?.showModal();
  }, []);

  const cancel = () => {
    if (busy) return;
    if (!done) void invoke('backups.discard', { token: prepared.token }).catch(() => undefined);
    onClose();
  };

  const restore = () => {
    setBusy(true);
    setError(null);
    // A job in the database worker: the window stays usable and shows the step it is at.
    invoke('backups.restoreStart', { token: prepared.token })
      .then(({ jobId }) => followJob(jobId, setJob))
      .then((s) => {
        if (s?.state === 'failed') throw new ApiError(s.error!.code, s.error!.message);
        if (s?.value?.kind === 'restored') setDone(s.value.restored);
      })
      .catch((e: unknown) => setError(e instanceof Error ? e.message : String(e)))
      .finally(() => {
        setBusy(false);
        setJob(null);
      });
  };

  const theirs = summaryRows(prepared.summary);
  const ours = summaryRows(current);

  return (
    <dialog
      ref={ref}
      className="dialog restore-dialog"
      aria-label="バックアップから復元"
      onCancel={(e) => {
        e.preventDefault();
        cancel();
      }}
    >
      <h2>{prepared.kind === 'snapshot' ? '全データの書き出しファイルから復元' : 'バックアップから復元'}</h2>
      <p className="restore-source">
        {prepared.source} <span className="muted">({formatBytes(prepared.sourceBytes)})</span>
      </p>
      <p className="restore-integrity small" role="note">
        {prepared.integrityNote}
      </p>
      <table className="plain-table restore-compare">
        <thead>
          <tr>
            <th scope="col">項目</th>
            <th scope="col">復元する内容</th>
            <th scope="col">現在のデータ</th>
          </tr>
        </thead>
        <tbody>
          {theirs.map(([label, value], i) => (
            <tr key={label}>
              <th scope="row">{label}</th>
              <td className={value !== ours[i]?.[1] ? 'differs' : undefined}>{value}</td>
              <td className="muted">{ours[i]?.[1]}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {!done && (
        <>
          <p className="restore-note">
            現在のデータは、置き換える前に検証済みのコピー (理由「復元前」) をバックアップフォルダに保存します。
            復元は一度に行われ、途中で止まっても現在のデータは壊れません。設定 (表示名・バックアップの保存先など) はそのまま残ります。
          </p>
          <label className="restore-confirm">
            <input type="checkbox" checked={confirmed} onChange={(e) => setConfirmed(e.target.checked)} disabled={busy} />
            現在のデータをこの内容で置き換えます
          </label>
        </>
      )}
      {error && (
        <p role="alert" className="restore-error">
          {error}
        </p>
      )}
      {done && (
        <div role="status" className="restore-done">
          <p>復元しました。「読み込み直す」で復元した内容を表示します。</p>
          <p className="small">復元前のデータのコピー: {done.safetyCopy}</p>
          {done.leftShare && (
            <p className="small" role="note">
              このPCは共有フォルダから外れました (復元した古いデータを共有に送らないため)。このPCだけで作業します。共有に戻るには、共有フォルダから参加し直してください。
            </p>
          )}
        </div>
      )}
      <div className="buttons">
        {done ? (
          <button type="button" className="primary" onClick={() => window.location.reload()}>
            読み込み直す
          </button>
        ) : (
          <>
            <button type="button" className="primary" onClick={restore} disabled={!confirmed || busy}>
              {busy ? (job ? `${jobProgressText(job)}…` : '復元しています…') : '復元する'}
            </button>
            <button type="button" onClick={cancel} disabled={busy}>
              キャンセル
            </button>
          </>
        )}
      </div>
    </dialog>
  );
}
