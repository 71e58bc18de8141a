// バックアップ: the automatic and manual copies of the database (time, reason, size), each
// verifiable and restorable; a copy now, into the backup folder or a chosen folder (e.g. the
// team's file server); restore from any file; the single-file export of everything.
import { useCallback, useEffect, useState } from 'react';
import type { BackupList, BackupListEntry, JobStatus, PreparedView, VerifyResult } from '../../../../electron/contract/channels';
import { ApiError, invoke } from '../../api/client';
import { cancelJob, followJob, jobProgressText } from '../../api/jobs';
import { formatDateTime } from '../../lib/format';
import { folderOf, formatBytes } from './backup-format';
import { RestoreDialog } from './RestoreDialog';
import './backups.css';

function download(url: string, fileName: string): void {
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
}

export function BackupsView({ onError }: { onError(e: unknown): void }) {
  const [list, setList] = useState<BackupList & { canPick: boolean } | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [status, setStatus] = useState('');
  /** Per backup: the verification's job while it runs, then its result. */
  const [verified, setVerified] = useState<Record<string, VerifyResult | JobStatus>>({});
  /** The restore preview being prepared (a job: progress, 取り消す). */
  const [preparing, setPreparing] = useState<JobStatus | null>(null);
  const [folder, setFolder] = useState('');
  const [fromFile, setFromFile] = useState('');
  const [prepared, setPrepared] = useState<PreparedView | null>(null);
  // What the app's chooser returned: shown as a path, sent as its handle (the server does not
  // take typed paths in the app; electron/contract/path-gate.ts).
  const [picked, setPicked] = useState<Record<string, string>>({});
  const viaPick = (value: string) => picked[value] ?? value;

  const refresh = useCallback(() => {
    invoke('backups.list', {}).then(setList).catch(onError);
  }, [onError]);
  useEffect(refresh, [refresh]);

  /** Runs one operation at a time, with its name on the busy line. */
  const run = (label: string, op: () => Promise<void>) => {
    setBusy(label);
    setStatus('');
    op()
      .catch(onError)
      .finally(() => setBusy(null));
  };

  const backupNow = (to?: string) =>
    run(to ? 'フォルダにバックアップしています…' : 'バックアップしています…', async () => {
      const r = await invoke('backups.create', to ? { folder: to } : {});
      setStatus(`バックアップを作成し、検証しました (${formatBytes(r.bytes)})。保存場所: ${folderOf(r.path)}`);
      refresh();
    });

  const forget = (path: string) =>
    setVerified((v) => {
      const { [path]: _gone, ...rest } = v;
      return rest;
    });

  // Verifying and preparing a restore run as jobs in the database worker: the screen shows their
  // steps and stays usable, and 取り消す stops them (they only read, or write a private copy).
  const verify = (e: BackupListEntry) => {
    invoke('backups.verifyStart', { path: e.path })
      .then(({ jobId }) => followJob(jobId, (s) => setVerified((v) => ({ ...v, [e.path]: s }))))
      .then((s) => {
        if (s?.state === 'done' && s.value?.kind === 'verify') {
          const result = s.value.verify;
          setVerified((v) => ({ ...v, [e.path]: result }));
        } else if (s?.state === 'failed') throw new ApiError(s.error!.code, s.error!.message);
        else forget(e.path);
      })
      .catch((err: unknown) => {
        forget(e.path);
        onError(err);
      });
  };

  const prepare = (path: string) =>
    run('復元するファイルを確認しています…', async () => {
      const { jobId } = await invoke('backups.prepareRestoreStart', { path });
      const s = await followJob(jobId, setPreparing).finally(() => setPreparing(null));
      if (s?.state === 'failed') throw new ApiError(s.error!.code, s.error!.message);
      if (s?.state === 'cancelled') return setStatus('復元の確認を取り消しました');
      if (s?.value?.kind !== 'prepared') return;
      // The list again too: its summary of the current data is what the preview compares with.
      setList(await invoke('backups.list', {}));
      setPrepared(s.value.prepared);
    });

  const pick = (what: 'folder' | 'file', set: (p: string) => void) =>
    invoke('backups.pick', { what })
      .then((r) => {
        if (!r.path || !r.handle) return;
        setPicked((p) => ({ ...p, [r.path!]: r.handle! }));
        set(r.path);
      })
      .catch(onError);

  const exportAll = () =>
    run('全データを書き出しています…', async () => {
      const r = await invoke('snapshot.export', {});
      if (r.delivery.kind === 'download') download(r.delivery.url, r.fileName);
      setStatus(r.delivery.kind === 'saved' ? `書き出しました: ${r.delivery.path} (${formatBytes(r.size)})` : r.delivery.kind === 'download' ? `書き出しました: ${r.fileName} (${formatBytes(r.size)})` : '書き出しを取り消しました');
    });

  if (!list) return <section className="backups" aria-label="バックアップ" />;
  const { policy, last } = list;

  return (
    <section className="backups" aria-label="バックアップ">
      <div className="backups-head">
        <div>
          <h2>バックアップ</h2>
          <p className="small">
            保存先: <span className="path">{list.folder}</span>
            <br />
            起動時・毎日・取り込みや一括変更の前・移行の前に自動で作成し、作成後に検証します (「検証」でいつでも検査し直せます)。残すのは最新 {policy.keepLast} 件と、それより前は
            {policy.keepDays} 日間1日1件、合計 {policy.maxTotalMb.toLocaleString()} MB まで (古いものから削除、最新は残す)。保存先と保持は「設定」で変えられます。
          </p>
        </div>
        <div className="backups-actions">
          <button type="button" className="primary" onClick={() => backupNow()} disabled={busy !== null}>
            今すぐバックアップ
          </button>
          <button type="button" onClick={exportAll} disabled={busy !== null} title="別のPCへの移行や、閲覧用に同僚へ渡すための1つのファイル (.xpws)">
            全データを1ファイルに書き出す…
          </button>
        </div>
      </div>

      {last?.error && (
        <p role="alert" className="backups-warning">
          最後の自動バックアップに失敗しました ({formatDateTime(last.at)}): {last.error}
        </p>
      )}
      {last?.fellBackFrom && (
        <p role="status" className="backups-warning">
          設定した保存先 ({last.fellBackFrom}) に書き込めなかったため、データベースの隣のフォルダに保存しました。
        </p>
      )}

      <div className="backups-forms">
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (folder.trim()) backupNow(viaPick(folder.trim()));
          }}
        >
          <label>
            フォルダを指定してバックアップ (ファイルサーバーなど。自動では削除されません)
            <span className="backups-path-row">
              <input value={folder} onChange={(e) => setFolder(e.target.value)} placeholder="例: \\fileserver\share\X方針\バックアップ" />
              {list.canPick && (
                <button type="button" onClick={() => void pick('folder', setFolder)}>
                  参照…
                </button>
              )}
              <button type="submit" disabled={busy !== null || !folder.trim()}>
                このフォルダに保存
              </button>
            </span>
          </label>
        </form>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (fromFile.trim()) prepare(viaPick(fromFile.trim()));
          }}
        >
          <label>
            ファイルから復元 (バックアップ .sqlite、全データの書き出し .xpws)
            <span className="backups-path-row">
              <input value={fromFile} onChange={(e) => setFromFile(e.target.value)} placeholder="例: D:\持ち出し\X方針ワークベンチ_全データ_20241220-0930.xpws" />
              {list.canPick && (
                <button type="button" onClick={() => void pick('file', setFromFile)}>
                  参照…
                </button>
              )}
              <button type="submit" disabled={busy !== null || !fromFile.trim()}>
                内容を確認…
              </button>
            </span>
          </label>
        </form>
      </div>

      <p className="backups-status" role="status" aria-live="polite">
        {preparing ? jobProgressText(preparing) : (busy ?? status)}
        {preparing?.state === 'running' && preparing.cancellable && (
          <>
            {' '}
            <button type="button" onClick={() => void cancelJob(preparing.jobId).catch(onError)}>
              取り消す
            </button>
          </>
        )}
      </p>

      <table className="plain-table backups-table">
        <thead>
          <tr>
            <th scope="col">日時</th>
            <th scope="col">理由</th>
            <th scope="col">大きさ</th>
            <th scope="col">保存場所</th>
            <th scope="col">検証</th>
            <th scope="col">
              <span className="sr-only">操作</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {list.entries.length === 0 && (
            <tr>
              <td colSpan={6} className="muted">
                バックアップはまだありません。
              </td>
            </tr>
          )}
          {list.entries.map((e) => {
            const v = verified[e.path];
            return (
              <tr key={e.path}>
                <td>{formatDateTime(e.at)}</td>
                <td>{e.reasonLabel}</td>
                <td className="num">{formatBytes(e.bytes)}</td>
                {/* The file's own name (an internal time stamp) only on hover: the folder is what people look for. */}
                <td title={e.path}>{e.folder === list.folder ? 'バックアップのフォルダ' : e.folder}</td>
                <td className={v && 'ok' in v ? (v.ok ? 'verify-ok' : 'verify-bad') : undefined}>
                  {v === undefined ? (
                    <button type="button" onClick={() => verify(e)}>
                      検証
                    </button>
                  ) : 'jobId' in v ? (
                    <>
                      {jobProgressText(v)}…{' '}
                      {v.state === 'running' && v.cancellable && (
                        <button type="button" onClick={() => void cancelJob(v.jobId).catch(onError)}>
                          取り消す
                        </button>
                      )}
                    </>
                  ) : (
                    `${v.ok ? '✓' : '✗'} ${v.message}`
                  )}
                </td>
                <td>
                  <button type="button" onClick={() => prepare(e.path)} disabled={busy !== null}>
                    復元…
                  </button>
                </td>
              </tr>
            );
          })}
        </tbody>
        {list.entries.length > 0 && (
          <tfoot>
            <tr>
              <td colSpan={2}>{list.entries.length} 件</td>
              <td className="num">{formatBytes(list.totalBytes)}</td>
              <td colSpan={3} />
            </tr>
          </tfoot>
        )}
      </table>

      {prepared && (
        <RestoreDialog
          prepared={prepared}
          current={list.current}
          onClose={() => {
            setPrepared(null);
            refresh();
          }}
        />
      )}
    </section>
  );
}
