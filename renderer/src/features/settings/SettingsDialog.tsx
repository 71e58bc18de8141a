// Settings: the name recorded as 更新者 (default: the OS user name), the defaults of the handouts,
// where the data lives (from the next start) and where the backups go and how many are kept.
// Saved as a whole; the server validates everything before writing anything and says in
// Japanese what is wrong, which is shown here without closing the dialog.
import { useEffect, useRef, useState } from 'react';
import type { Settings } from '../../../../electron/contract/channels';
import { invoke } from '../../api/client';
import { SharePanel } from '../sync/SharePanel';
import './settings.css';

const PAPERS: [Settings['exportDefaults']['paper'], string][] = [
  ['auto', '資料の既定 (一覧はA4縦、比較表はA3横)'],
  ['A4', 'すべてA4 (A3のプリンターがない場合)'],
  ['A3', 'すべてA3'],
];

export function SettingsDialog({ settings, onSaved, onClose }: { settings: Settings; onSaved(s: Settings): void; onClose(): void }) {
  const ref = useRef<HTMLDialogElement>(null);
  const [name, setName] = useState(settings.displayName);
  const [font, setFont] = useState(settings.exportDefaults.font);
  const [paper, setPaper] = useState(settings.exportDefaults.paper);
  const [revisionAuthor, setRevisionAuthor] = useState(settings.exportDefaults.revisionAuthor);
  const [lgCode, setLgCode] = useState(settings.exportDefaults.localGovernmentCode ?? '');
  const [dataDir, setDataDir] = useState(settings.data.configured ?? '');
  const [folder, setFolder] = useState(settings.backups.folder ?? '');
  const [keepLast, setKeepLast] = useState(String(settings.backups.keepLast));
  const [keepDays, setKeepDays] = useState(String(settings.backups.keepDays));
  const [maxTotalMb, setMaxTotalMb] = useState(String(settings.backups.maxTotalMb));
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  // The app's folder chooser (absent in the browser preview): the server takes the folder it
  // returns only as its handle, never as a typed path (electron/contract/path-gate.ts).
  const [canPick, setCanPick] = useState(false);
  const [picked, setPicked] = useState<Record<string, string>>({});
  const viaPick = (value: string) => picked[value] ?? value;

  useEffect(() => {
    ref.current?.showModal();
    invoke('backups.list', {})
      .then((l) => setCanPick(l.canPick))
      .catch(() => setCanPick(false));
  }, []);

  const pickFolder = (set: (p: string) => void) =>
    invoke('backups.pick', { what: 'folder' })
      .then((r) => {
        if (!r.path || !r.handle) return;
        setPicked((p) => ({ ...p, [r.path!]: r.handle! }));
        set(r.path);
      })
      .catch((e: unknown) => setError(e instanceof Error ? e.message : String(e)));

  const nextDir = dataDir.trim() || settings.data.defaultDir;
  const moves = settings.data.isAppDatabase && nextDir !== settings.data.current;

  const save = () => {
    setSaving(true);
    setError(null);
    invoke('settings.set', {
      displayName: name,
      exportDefaults: { font, paper, revisionAuthor, localGovernmentCode: lgCode.trim() || null },
      dataDir: dataDir.trim() ? viaPick(dataDir.trim()) : null,
      backups: { folder: folder.trim() ? viaPick(folder.trim()) : null, keepLast: Number(keepLast), keepDays: Number(keepDays), maxTotalMb: Number(maxTotalMb) },
    })
      .then(onSaved)
      .catch((e: unknown) => setError(e instanceof Error ? e.message : String(e)))
      .finally(() => setSaving(false));
  };

  return (
    <dialog ref={ref} className="dialog settings-dialog" aria-label="設定" onClose={onClose}>
      <form
        method="dialog"
        onSubmit={(e) => {
          e.preventDefault();
          save();
        }}
      >
        <h2>設定</h2>
        <fieldset>
          <legend>利用者</legend>
          <label>
            表示名 (更新者として記録されます)
            <input value={name} maxLength={50} onChange={(e) => setName(e.target.value)} placeholder={settings.osUserName} />
          </label>
          <p className="muted small">空欄のときはWindowsのユーザー名「{settings.osUserName}」を使います。</p>
        </fieldset>

        <fieldset>
          <legend>資料の出力の既定</legend>
          <div className="settings-row">
            <label>
              フォント
              <select value={font} onChange={(e) => setFont(e.target.value as typeof font)}>
                {settings.fonts.map((f) => (
                  <option key={f}>{f}</option>
                ))}
              </select>
            </label>
            <label>
              用紙
              <select value={paper} onChange={(e) => setPaper(e.target.value as typeof paper)}>
                {PAPERS.map(([v, label]) => (
                  <option key={v} value={v}>
                    {label}
                  </option>
                ))}
              </select>
            </label>
          </div>
          <p className="muted small">「資料の出力」で前回の選択がないときに使います。</p>
          <div className="settings-row">
            <label>
              変更履歴の作成者 (比較表のWordの「変更履歴」に記録する名前)
              <input value={revisionAuthor} maxLength={50} required onChange={(e) => setRevisionAuthor(e.target.value)} />
            </label>
            <label>
              全国地方公共団体コード (6桁、公表用のオープンデータに記載)
              <input value={lgCode} inputMode="numeric" pattern="\d{6}" maxLength={6} placeholder="例: 401005" onChange={(e) => setLgCode(e.target.value)} />
            </label>
          </div>
        </fieldset>

        <fieldset>
          <legend>データの保存場所</legend>
          <p className="small">
            現在: <span className="settings-path">{settings.data.current}</span>
          </p>
          <label>
            次回の起動から使うフォルダ (空欄: 既定の {settings.data.defaultDir})
            <input value={dataDir} onChange={(e) => setDataDir(e.target.value)} placeholder={settings.data.defaultDir} />
          </label>
          {canPick && (
            <button type="button" onClick={() => void pickFolder(setDataDir)}>
              フォルダを選択…
            </button>
          )}
          {moves && (
            <p className="settings-note small" role="note">
              次回の起動から {nextDir} のデータベースを使います。そこにデータベースがなければ、現在のデータを検証付きでコピーします (元のファイルは残ります)。ネットワーク上のフォルダは使えません。
            </p>
          )}
          {!settings.data.isAppDatabase && (
            <p className="muted small">この画面は起動時に指定したデータベースを開いています。保存場所の設定は、アプリと指定なしの起動で使われます。</p>
          )}
          {settings.data.fileError && <p className="settings-warning small">{settings.data.fileError}</p>}
        </fieldset>

        <fieldset>
          <legend>バックアップ</legend>
          <label>
            保存先 (空欄: データベースの隣の {settings.backups.defaultFolder})
            <input value={folder} onChange={(e) => setFolder(e.target.value)} placeholder={settings.backups.defaultFolder} />
          </label>
          {canPick && (
            <button type="button" onClick={() => void pickFolder(setFolder)}>
              保存先を選択…
            </button>
          )}
          <div className="settings-row">
            <label>
              最新から残す件数
              <input type="number" min={1} max={1000} value={keepLast} onChange={(e) => setKeepLast(e.target.value)} />
            </label>
            <label>
              その後1日1件残す日数
              <input type="number" min={0} max={3650} value={keepDays} onChange={(e) => setKeepDays(e.target.value)} />
            </label>
            <label>
              合計の上限 (MB)
              <input type="number" min={10} value={maxTotalMb} onChange={(e) => setMaxTotalMb(e.target.value)} />
            </label>
          </div>
          <p className="muted small">上限を超えると古いものから削除します (最新のバックアップは必ず残します)。保存先にはファイルサーバーも使えます。</p>
        </fieldset>

        <SharePanel canPick={canPick} pickFolder={pickFolder} viaPick={viaPick} />

        {error && (
          <p role="alert" className="settings-error">
            {error}
          </p>
        )}
        <div className="buttons">
          <button type="submit" className="primary" disabled={saving}>
            {saving ? '保存しています…' : '保存'}
          </button>
          <button type="button" onClick={onClose} disabled={saving}>
            キャンセル
          </button>
        </div>
      </form>
    </dialog>
  );
}
