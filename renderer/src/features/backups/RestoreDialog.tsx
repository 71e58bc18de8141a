// Restore, step 2: what the chosen file holds next to what the database holds now, the safety
// copy that will be taken first, and an explicit confirmation. After the restore the whole
// screen reloads: every list, the undo history and the open issue belong to the old data.
// On a PC joined to a shared dataset the dialog says so before anything happens and offers both
// ways that cannot push old data into the share by surprise: restore and leave the share (this PC
// works alone), or instead rebuild this PC's copy from the share (share.joinStart rebuild; the
// current copy kept as a backup).
import { useEffect, useRef, useState } from 'react';
import type { DatabaseSummary, JobStatus, JoinHereResult, PreparedView, RestoreResult, ShareCurrent } from '../../../../electron/contract/channels';
import { ApiError, invoke } from '../../api/client';
import { followJob, jobProgressText } from '../../api/jobs';
import { formatBytes, summaryRows } from './backup-format';
import '../sync/join.css';

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
  /** The share this PC is joined to (null: not joined, or not known yet). */
  const [share, setShare] = useState<ShareCurrent | null>(null);
  const [choice, setChoice] = useState<'leave' | 'rebuild'>('leave');
  const [rebuilt, setRebuilt] = useState<JoinHereResult | null>(null);

  useEffect(() => {
    ref.current?.showModal();
    invoke('share.current', {}).then(
      (c) => setShare(c.joined ? c : null),
      () => setShare(null),
    );
  }, []);
  const joined = share !== null;
  const rebuilding = joined && choice === 'rebuild';

  const finished = done !== null || rebuilt !== null;
  const cancel = () => {
    if (busy) return;
    if (finished) return window.location.reload();
    void invoke('backups.discard', { token: prepared.token }).catch(() => undefined);
    onClose();
  };

  /** Instead of restoring: this PC's copy made again from the share; the prepared file is not used. */
  const rebuild = () => {
    setBusy(true);
    setError(null);
    invoke('share.joinStart', { rebuild: true })
      .then(({ jobId }) => followJob(jobId, setJob))
      .then((s) => {
        if (s?.state === 'failed') throw new ApiError(s.error!.code, s.error!.message);
        if (s?.value?.kind === 'joined') setRebuilt(s.value.joined);
        // Only now: if the share could not be reached, the prepared restore is still there to choose.
        void invoke('backups.discard', { token: prepared.token }).catch(() => undefined);
      })
      .catch((e: unknown) => setError(e instanceof Error ? e.message : String(e)))
      .finally(() => {
        setBusy(false);
        setJob(null);
      });
  };

  const restore = () => {
    if (rebuilding) return rebuild();
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
      {!finished && joined && (
        <fieldset className="restore-share">
          <legend>このPCは共有データに参加しています</legend>
          <p>
            このPCは共有データ{share.name ? `「${share.name}」` : ''}({share.location}) に参加しています。復元した古いデータが共有に送られることはありません。どちらにするか選んでください。
          </p>
          <label className="choice">
            <input type="radio" name="restore-share" checked={choice === 'leave'} onChange={() => setChoice('leave')} disabled={busy} />
            <strong>
              復元して、共有から外れる
              <span>このPCは復元したデータで、単独で作業します (共有には送りません。未送信の変更も送りません)。あとで「共有フォルダから参加」で戻れます。</span>
            </strong>
          </label>
          <label className="choice">
            <input type="radio" name="restore-share" checked={choice === 'rebuild'} onChange={() => setChoice('rebuild')} disabled={busy} />
            <strong>
              復元せず、共有データからこのPCの複製を作り直す
              <span>共有の最新のデータで置き換えます。未送信の変更は先に共有へ送り、いまのデータは検証済みのバックアップ (理由「共有から参加前」) に残ります。選んだファイルは使いません。</span>
            </strong>
          </label>
        </fieldset>
      )}
      {!finished && (
        <>
          {!rebuilding && (
            <p className="restore-note">
              現在のデータは、置き換える前に検証済みのコピー (理由「復元前」) をバックアップフォルダに保存します。
              復元は一度に行われ、途中で止まっても現在のデータは壊れません。設定 (表示名・バックアップの保存先など) はそのまま残ります。
            </p>
          )}
          <label className="restore-confirm">
            <input type="checkbox" checked={confirmed} onChange={(e) => setConfirmed(e.target.checked)} disabled={busy} />
            {rebuilding ? '現在のデータを共有データの複製で置き換えます' : joined ? '現在のデータをこの内容で置き換え、このPCは共有から外れます' : '現在のデータをこの内容で置き換えます'}
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
              このPCは共有から外れました (復元した古いデータを共有に送らないため)。このPCだけで作業します。共有に戻るには、設定 → 共有 の「共有フォルダから参加」で参加し直してください。
            </p>
          )}
        </div>
      )}
      {rebuilt && (
        <div role="status" className="restore-done">
          <p>共有データ「{rebuilt.share.name}」からこのPCの複製を作り直しました。「読み込み直す」で表示します。</p>
          <p className="small">作り直す前のデータのバックアップ: {rebuilt.safetyCopy}</p>
        </div>
      )}
      <div className="buttons">
        {finished ? (
          <button type="button" className="primary" onClick={() => window.location.reload()}>
            読み込み直す
          </button>
        ) : (
          <>
            <button type="button" className="primary" onClick={restore} disabled={!confirmed || busy}>
              {busy ? (job ? `${jobProgressText(job)}…` : rebuilding ? '作り直しています…' : '復元しています…') : rebuilding ? '共有から作り直す' : joined ? '復元して共有から外れる' : '復元する'}
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
