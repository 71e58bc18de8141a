// 「共有フォルダから参加」: at the first start (an empty profile, the sample made) and from 設定 →
// 共有 on a database that is not joined. The user names the shared folder (the app's chooser; the
// preview takes a typed folder under --allow-dir) or a PostgreSQL server with its password, sees
// what the share holds, and joins: this PC's copy is built from the share's verified snapshot as a
// job with its steps shown, and the current data is kept as a verified backup — nothing is lost.
import { useEffect, useRef, useState } from 'react';
import type { JobStatus, JoinHereResult, ShareSummary } from '../../../../electron/contract/channels';
import { formatWarekiDateTime } from '../../../../common/wareki';
import { ApiError, invoke } from '../../api/client';
import { followJob, jobProgressText } from '../../api/jobs';
import { ago } from './useSyncView';
import './join.css';

export interface JoinShareDialogProps {
  /** The first start's wording (the data here is only the sample) or 設定's. */
  firstStart?: boolean;
  onClose(): void;
}

const isServer = (s: string) => /^postgres(ql)?:\/\//i.test(s.trim());
const when = (iso: string | null) => (iso ? `${formatWarekiDateTime(new Date(iso))} (${ago(iso)})` : '—');

export function JoinShareDialog({ firstStart = false, onClose }: JoinShareDialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const [location, setLocation] = useState('');
  const [password, setPassword] = useState('');
  const [canPick, setCanPick] = useState(false);
  // The chooser's answers: the path shown, its handle sent (electron/contract/path-gate.ts).
  const [handles, setHandles] = useState<Record<string, string>>({});
  const [summary, setSummary] = useState<ShareSummary | null>(null);
  const [busy, setBusy] = useState(false);
  const [job, setJob] = useState<JobStatus | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<JoinHereResult | null>(null);
  const server = isServer(location);

  useEffect(() => {
    ref.current?.showModal();
    invoke('backups.list', {}).then(
      (l) => setCanPick(l.canPick),
      () => setCanPick(false),
    );
  }, []);

  const sent = () => (server ? location.trim() : (handles[location.trim()] ?? location.trim()));
  const withPassword = () => (server && password ? { password } : {});

  const pick = () => {
    setError(null);
    invoke('backups.pick', { what: 'folder' })
      .then((r) => {
        if (!r.path || !r.handle) return;
        setHandles((h) => ({ ...h, [r.path!]: r.handle! }));
        setLocation(r.path);
        setSummary(null);
      })
      .catch((e: unknown) => setError(e instanceof Error ? e.message : String(e)));
  };

  const inspect = () => {
    setBusy(true);
    setError(null);
    setSummary(null);
    invoke('share.inspect', { location: sent(), ...withPassword() })
      .then(setSummary)
      .catch((e: unknown) => setError(e instanceof Error ? e.message : String(e)))
      .finally(() => setBusy(false));
  };

  const join = () => {
    setBusy(true);
    setError(null);
    invoke('share.joinStart', { location: sent(), ...withPassword() })
      .then(({ jobId }) => followJob(jobId, setJob))
      .then((s) => {
        if (s?.state === 'failed') throw new ApiError(s.error!.code, s.error!.message);
        if (s?.value?.kind === 'joined') setDone(s.value.joined);
      })
      .catch((e: unknown) => setError(e instanceof Error ? e.message : String(e)))
      .finally(() => {
        setBusy(false);
        setJob(null);
      });
  };

  const close = () => {
    if (busy) return;
    if (done) window.location.reload();
    else onClose();
  };

  return (
    <dialog
      ref={ref}
      className="dialog join-dialog"
      aria-labelledby="join-title"
      onCancel={(e) => {
        e.preventDefault();
        close();
      }}
    >
      <h2 id="join-title">共有フォルダから参加</h2>
      {firstStart && !done && (
        <p className="join-intro">
          このPCのデータは、いま作られたサンプルだけです。チームの共有データ (ファイルサーバーの共有フォルダ、または市のPostgreSQLサーバー) があれば、ここから参加してこのPCに複製を作れます。あとで 設定 → 共有 からも参加できます。
        </p>
      )}
      {!done && (
        <>
          <div className="join-where">
            <label>
              共有フォルダ (またはサーバー postgresql://ユーザー@サーバー/xpw)
              <input
                value={location}
                onChange={(e) => {
                  setLocation(e.target.value);
                  setSummary(null);
                }}
                placeholder="\\server\share\X方針"
                disabled={busy}
              />
            </label>
            {canPick && (
              <button type="button" onClick={pick} disabled={busy}>
                共有フォルダを選択…
              </button>
            )}
          </div>
          {server && (
            <label>
              サーバーのパスワード ({canPick ? '参加できたら、このPCにOSの保護で暗号化して保存します' : 'このプレビューの実行中だけ使います'})
              <input
                type="password"
                autoComplete="off"
                value={password}
                onChange={(e) => {
                  setPassword(e.target.value);
                  setSummary(null);
                }}
                disabled={busy}
              />
            </label>
          )}
          <div className="buttons join-check">
            <button type="button" onClick={inspect} disabled={busy || !location.trim()}>
              {busy && !job ? '確かめています…' : '共有データを確かめる'}
            </button>
          </div>
        </>
      )}
      {summary && !done && (
        <section className="join-summary" aria-label="共有データの内容">
          <table className="plain-table">
            <tbody>
              <tr>
                <th scope="row">共有データの名前</th>
                <td>{summary.name}</td>
              </tr>
              <tr>
                <th scope="row">{summary.server ? 'サーバー' : '共有フォルダ'}</th>
                <td className="join-path">{summary.location}</td>
              </tr>
              <tr>
                <th scope="row">データの版</th>
                <td>
                  {summary.dataVersion} (このアプリは {summary.appDataVersion} まで)
                </td>
              </tr>
              <tr>
                <th scope="row">変革課題</th>
                <td>{summary.issues === null ? '—' : `${summary.issues.toLocaleString('ja-JP')}件 (局区 ${summary.organizations ?? '—'})`}</td>
              </tr>
              <tr>
                <th scope="row">参加しているPC</th>
                <td>
                  {summary.pcs}台
                  {summary.people.length > 0 && <span className="muted"> — {summary.people.slice(0, 5).map((p) => `${p.user} さん (${p.pc}): ${ago(p.at)}`).join('、')}</span>}
                </td>
              </tr>
              <tr>
                <th scope="row">最後の更新</th>
                <td>{when(summary.lastActivity)}</td>
              </tr>
            </tbody>
          </table>
          {summary.problem ? (
            <p role="alert" className="join-error">
              {summary.problem}
            </p>
          ) : (
            <p className="join-note">
              参加すると、このPCのデータを共有データの複製 (スナップショット {when(summary.snapshotAt)} と、その後の変更) で置き換えます。いまのデータは置き換える前に検証済みのバックアップ (理由「共有から参加前」) に保存するので、失われません。表示名・バックアップの設定はそのまま残ります。
            </p>
          )}
        </section>
      )}
      {error && (
        <p role="alert" className="join-error">
          {error}
        </p>
      )}
      {job && (
        <p role="status" className="join-progress">
          {jobProgressText(job)}…
        </p>
      )}
      {done && (
        <div role="status" className="join-done">
          <p>
            共有データ「{done.share.name}」に参加しました。このPCは今後、変更を自動で送受信します。「読み込み直す」で共有データを表示します。
          </p>
          <p className="small">参加前のデータのバックアップ: {done.safetyCopy}</p>
          {done.warning && (
            <p className="small join-error" role="note">
              {done.warning}
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
            <button type="button" className="primary" onClick={join} disabled={busy || !summary || summary.problem !== null}>
              {busy && job ? '参加しています…' : '参加する'}
            </button>
            <button type="button" onClick={close} disabled={busy}>
              {firstStart ? 'あとで (このPCだけで使う)' : 'キャンセル'}
            </button>
          </>
        )}
      </div>
    </dialog>
  );
}

const DISMISSED = 'xpw.joinOffer.dismissed';

/** The first start's offer: when this start made the database from the sample; 「あとで」 holds for the session. */
export function JoinOffer() {
  const [open, setOpen] = useState(false);
  useEffect(() => {
    if (sessionStorage.getItem(DISMISSED)) return;
    invoke('share.offer', {}).then(
      (o) => setOpen(o.offer),
      () => setOpen(false),
    );
  }, []);
  const dismiss = () => {
    sessionStorage.setItem(DISMISSED, '1');
    setOpen(false);
  };
  return open ? <JoinShareDialog firstStart onClose={dismiss} /> : null;
}
