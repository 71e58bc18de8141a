// 設定 → 共有 on a PC joined to a PostgreSQL server: where the password is kept (sealed by the OS
// — Electron safeStorage, on Windows protected by the user's Windows credentials (DPAPI) — or in
// the preview's memory for this session), a new one tried against the server before it is saved,
// and forgetting it (syncing then asks for it here).
import { useCallback, useEffect, useState } from 'react';
import type { ShareCurrent } from '../../../../electron/contract/channels';
import { invoke } from '../../api/client';
import './join.css';

const KEPT: Record<NonNullable<ShareCurrent['password']>, string> = {
  sealed: 'このPCに保存しています — OSの保護で暗号化 (Windowsではログオンしている利用者の資格情報 (DPAPI) で保護。Electron safeStorage)。設定ファイルやスナップショットには入りません',
  memory: 'このプレビューの実行中だけ保持しています (終了すると忘れます)',
  environment: '環境変数 (XPW_PG_PASSWORD など) またはパスワードファイルから読んでいます。変更はその設定で行ってください',
};

export function ServerPassword({ onChanged }: { onChanged(): void }) {
  const [current, setCurrent] = useState<ShareCurrent | null>(null);
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);

  const load = useCallback(() => {
    invoke('share.current', {}).then(setCurrent, () => setCurrent(null));
  }, []);
  useEffect(load, [load]);

  if (!current?.server) return null;
  const act = (p: Promise<ShareCurrent>, done: string) => {
    setBusy(true);
    setMessage(null);
    p.then(
      (c) => {
        setCurrent(c);
        setPassword('');
        setMessage({ text: done, error: false });
        onChanged();
      },
      (e: Error) => setMessage({ text: e.message, error: true }),
    ).finally(() => setBusy(false));
  };
  const missing = current.password === null;
  const save = () => act(invoke('share.setPassword', { password }), 'サーバーに接続できました。パスワードを保存しました');

  return (
    <div className="share-password" role="group" aria-label="サーバーのパスワード">
      <p className="small">
        <strong>サーバーのパスワード: </strong>
        {missing ? '保存されていません — 同期するには、下の欄に入力してください (変更はこのPCに保存されています)' : KEPT[current.password!]}
      </p>
      {current.password !== 'environment' && (
        <div className="share-password-row">
          <label>
            {missing ? 'パスワード' : '新しいパスワード'}
            <input
              type="password"
              autoComplete="off"
              value={password}
              onChange={(e) => setPassword(e.target.value)}
              onKeyDown={(e) => {
                // Enter tries this password (it must not submit the settings form around it).
                if (e.key !== 'Enter') return;
                e.preventDefault();
                if (password && !busy) save();
              }}
              disabled={busy}
            />
          </label>
          <button type="button" disabled={busy || !password} onClick={save}>
            {busy ? '接続を確かめています…' : '接続を確かめて保存'}
          </button>
          {!missing && (
            <button type="button" disabled={busy} onClick={() => act(invoke('share.forgetPassword', {}), 'パスワードを削除しました。同期するには、もう一度入力してください')}>
              保存したパスワードを削除
            </button>
          )}
        </div>
      )}
      {message && (
        <p className={message.error ? 'small settings-error' : 'small'} role={message.error ? 'alert' : 'status'}>
          {message.text}
        </p>
      )}
    </div>
  );
}
