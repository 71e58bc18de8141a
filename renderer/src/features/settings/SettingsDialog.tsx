// Settings: the name recorded as 更新者 in the audit log (default: the OS user name).
import { useEffect, useRef, useState } from 'react';
import type { Settings } from '../../../../electron/contract/channels';

export function SettingsDialog({ settings, onSave, onClose }: { settings: Settings; onSave(name: string): void; onClose(): void }) {
  const [name, setName] = useState(settings.displayName);
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    ref.current?.showModal();
  }, []);
  return (
    <dialog ref={ref} className="dialog" aria-label="設定" onClose={onClose}>
      <form
        method="dialog"
        onSubmit={(e) => {
          e.preventDefault();
          onSave(name);
        }}
      >
        <h2>設定</h2>
        <label>
          表示名 (更新者として記録されます)
          <input value={name} maxLength={50} onChange={(e) => setName(e.target.value)} placeholder={settings.osUserName} />
        </label>
        <p className="muted small">空欄のときはWindowsのユーザー名「{settings.osUserName}」を使います。</p>
        <div className="buttons">
          <button type="submit">保存</button>
          <button type="button" onClick={onClose}>
            キャンセル
          </button>
        </div>
      </form>
    </dialog>
  );
}
