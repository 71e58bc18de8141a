// バージョン情報: what IT staff and a security reviewer ask first — which version, which data
// version, built when, on which Electron/Chromium/Node — and the licence of every library and
// font the app ships (each licence text can be opened in place).
import { useEffect, useRef, useState } from 'react';
import type { AboutInfo } from '../../../../electron/contract/channels';
import { formatWarekiDateTime } from '../../../../common/wareki';
import { invoke } from '../../api/client';
import './about.css';

export function AboutDialog({ onError, onClose }: { onError(e: unknown): void; onClose(): void }) {
  const ref = useRef<HTMLDialogElement>(null);
  const [about, setAbout] = useState<AboutInfo | null>(null);

  useEffect(() => {
    ref.current?.showModal();
    invoke('app.about', {}).then(setAbout, (e: unknown) => {
      onError(e);
      onClose();
    });
  }, [onError, onClose]);

  return (
    <dialog ref={ref} className="dialog about-dialog" aria-label="バージョン情報" onClose={onClose}>
      <h2>バージョン情報</h2>
      {!about ? (
        <p className="muted">読み込んでいます…</p>
      ) : (
        <>
          <dl className="about-facts">
            <dt>アプリ</dt>
            <dd>
              {about.productName} <strong>{about.version}</strong>
            </dd>
            <dt>データ版</dt>
            <dd>{about.dataVersion} (これより新しいデータ版のファイルは開きません)</dd>
            <dt>作成日時</dt>
            <dd>{about.builtAt ? formatWarekiDateTime(new Date(about.builtAt)) : '— (ソースから実行中)'}</dd>
            <dt>実行環境</dt>
            <dd>
              {about.runtime.electron ? `Electron ${about.runtime.electron} / Chromium ${about.runtime.chrome} / ` : 'ブラウザプレビュー / '}Node.js {about.runtime.node}
            </dd>
            <dt>通信</dt>
            <dd>ネットワークには接続しません (自動更新もありません)。</dd>
          </dl>

          <h3>フォント</h3>
          {about.fonts.length ? (
            <ul className="about-list">
              {about.fonts.map((f) => (
                <li key={f.file}>
                  <Licence name={f.file} version="" license={f.license} text={f.text} />
                </li>
              ))}
            </ul>
          ) : (
            <p className="small">
              アプリにはフォントを含めていません。資料はWindowsに入っているフォント (BIZ UDゴシック・BIZ UD明朝・游ゴシック・游明朝・ＭＳ ゴシック・ＭＳ 明朝) で作ります。
            </p>
          )}

          <h3>ライブラリ ({about.libraries.length + 1} 件)</h3>
          <ul className="about-list" aria-label="ライブラリとライセンス">
            <li>
              <span className="about-name">Electron / Chromium</span> <span className="about-license">MIT / BSD-3-Clause ほか</span>
              <span className="muted small"> 実行ファイルと同じフォルダの LICENSE.electron.txt・LICENSES.chromium.html</span>
            </li>
            {about.libraries.map((l) => (
              <li key={`${l.name}@${l.version}`}>
                <Licence {...l} />
              </li>
            ))}
          </ul>
        </>
      )}
      <div className="buttons">
        <button type="button" className="primary" onClick={() => ref.current?.close()}>
          閉じる
        </button>
      </div>
    </dialog>
  );
}

function Licence({ name, version, license, text }: { name: string; version: string; license: string; text: string | null }) {
  const head = (
    <>
      <span className="about-name">{name}</span> {version && <span className="muted">{version}</span>} <span className="about-license">{license}</span>
    </>
  );
  if (!text) return head;
  return (
    <details>
      <summary>{head}</summary>
      <pre className="about-text">{text}</pre>
    </details>
  );
}
