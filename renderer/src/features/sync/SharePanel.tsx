// 設定 → 共有: turn this database into the team's shared dataset in a folder on the file server,
// join one (「共有フォルダから参加…」, JoinShareDialog.tsx), or see where it is shared and sync now;
// on a PC joined to a PostgreSQL server, where its password is kept, changed or forgotten. The folder is
// chosen with the app's dialog and sent as its handle (path-gate.ts); the browser preview takes a
// typed folder under its --allow-dir folders only. A server URL is not a path and is sent as typed.
import { useState } from 'react';
import { createPortal } from 'react-dom';
import { invoke } from '../../api/client';
import { JoinShareDialog } from './JoinShareDialog';
import { ServerPassword } from './ServerPassword';
import { syncStatusText, useSyncView } from './useSyncView';

export interface SharePanelProps {
  /** The app's folder chooser is there (not in the browser preview). */
  canPick: boolean;
  /** Opens the chooser; the chosen path is shown, its handle kept by the settings dialog. */
  pickFolder(set: (path: string) => void): Promise<void>;
  /** The handle for a chosen path (what is sent), or the typed text as it is. */
  viaPick(value: string): string;
}

export function SharePanel({ canPick, pickFolder, viaPick }: SharePanelProps) {
  const { view, refresh } = useSyncView();
  const [dir, setDir] = useState('');
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const server = dir.trim().startsWith('postgres');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const [joining, setJoining] = useState(false);
  if (!view) return null;
  const run = (p: Promise<unknown>, done: string) => {
    setBusy(true);
    setMessage(null);
    p.then(
      () => setMessage(done),
      (e: Error) => setMessage(e.message),
    ).finally(() => {
      setBusy(false);
      refresh();
    });
  };
  return (
    <fieldset>
      <legend>共有 (チームで作業)</legend>
      {view.joined ? (
        <>
          <p className="small">{view.location?.startsWith('postgres') ? 'サーバー (PostgreSQL)' : '共有フォルダ'}: {view.location}</p>
          <p className="small" role="status">
            {syncStatusText(view)}
          </p>
          <button type="button" disabled={busy} onClick={() => run(invoke('sync.now', {}), '同期しました')}>
            今すぐ同期
          </button>
          {view.location?.startsWith('postgres') && <ServerPassword onChanged={refresh} />}
        </>
      ) : (
        <>
          <p className="muted small">
            このデータベースをファイルサーバーの共有フォルダ (例: \\server\share\X方針) に置き、同僚のPCと変更をやり取りします。各PCは自分のコピーで作業し、オフラインでも使えます。
          </p>
          <label>
            共有フォルダ (またはサーバー postgresql://ユーザー@サーバー/xpw)
            <input value={dir} onChange={(e) => setDir(e.target.value)} placeholder="\\server\share\X方針" />
          </label>
          {canPick && (
            <button type="button" disabled={busy} onClick={() => void pickFolder(setDir)}>
              共有フォルダを選択…
            </button>
          )}
          {server && (
            <label>
              サーバーのパスワード (このPCにOSの保護で保存)
              <input type="password" autoComplete="off" value={password} onChange={(e) => setPassword(e.target.value)} />
            </label>
          )}
          <label>
            共有データの名前
            <input value={name} onChange={(e) => setName(e.target.value)} placeholder="改革事務局" />
          </label>
          <button type="button" disabled={busy || !dir.trim()} onClick={() => run(invoke('sync.create', { dir: server ? dir.trim() : viaPick(dir.trim()), ...(name.trim() ? { name: name.trim() } : {}), ...(server && password ? { password } : {}) }), '共有データを作成しました')}>
            共有データを作成
          </button>
          <p className="muted small">既にある共有データに、このPCから参加するとき (いまのデータはバックアップに残ります):</p>
          <button type="button" disabled={busy} onClick={() => setJoining(true)}>
            共有フォルダから参加…
          </button>
          {/* In the page's body, not inside the settings form: Enter in its fields must not save the settings. */}
          {joining && createPortal(<JoinShareDialog onClose={() => setJoining(false)} />, document.body)}
        </>
      )}
      {message && (
        <p className="small" role="note">
          {message}
        </p>
      )}
    </fieldset>
  );
}
