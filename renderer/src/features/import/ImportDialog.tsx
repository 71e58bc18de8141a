// Import of a list the secretariat already has (.xlsx / CSV): choose the file and what it is
// for, check the preview (columns, unknown 局区, new / changed / unchanged / rejected rows), then
// commit it as one step — or undo an earlier import as a whole. The preview reads the whole file in
// the database worker as a job: a bar shows how far it is and 中止 stops it (nothing is written).
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ImportField, ImportPreviewView, ImportRecord, Organization, Round } from '../../../../electron/contract/channels';
import { invoke } from '../../api/client';
import { formatDateTime } from '../../lib/format';
import { LevelQuestion, levelsMissing, type LevelChoice } from './LevelQuestion';
import { PreviewProgress } from './PreviewProgress';
import { PreviewRows } from './PreviewRows';
import { readAsBase64 } from './read-file';
import { usePreviewJob } from './usePreviewJob';

/** The encodings as people know them (the option list below uses the same names). */
const ENCODING_NAMES: Record<string, string> = { cp932: 'Shift_JIS', utf8: 'UTF-8', utf16le: 'UTF-16' };

const FIELDS: [ImportField, string][] = [
  ['organization', '局区'],
  ['level', 'レベル'],
  ['number', '番号'],
  ['title', '①課題名'],
  ['rank', 'ランク'],
  ['comment', '所見'],
  ['content', '②課題の内容'],
  ['background', '③課題の背景'],
  ['actions', '④課題に対する取組'],
  ['progress', '⑤取組みの進捗状況'],
];

interface Options {
  encoding: 'auto' | 'utf8' | 'cp932' | 'utf16le';
  roundId: number | null;
  /** For rows whose level the database cannot tell (no レベル column): asked, never assumed. */
  levels: LevelChoice;
  versionLabel: string;
  versionAsOf: string;
  mapping: (ImportField | null)[] | null;
  headerLine: number | null;
  organizationMap: Record<string, number | 'create'>;
}

export interface ImportDialogProps {
  rounds: Round[];
  organizations: Organization[];
  roundId: number | null;
  onImported(): void;
  onError(e: unknown): void;
  onClose(): void;
  /** A file dropped on the window: opened at once, as if chosen. */
  initialFile?: File | null;
}

export function ImportDialog({ rounds, organizations, roundId, onImported, onError, onClose, initialFile }: ImportDialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const [file, setFile] = useState<{ fileName: string; data: string } | null>(null);
  const [options, setOptions] = useState<Options>({
    encoding: 'auto',
    roundId,
    levels: { all: null, rows: {} },
    versionLabel: '',
    versionAsOf: '',
    mapping: null,
    headerLine: null,
    organizationMap: {},
  });
  const [preview, setPreview] = useState<ImportPreviewView | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  /** Committing. */
  const [busy, setBusy] = useState(false);
  /** A preview is being made (the job runs). */
  const [previewing, setPreviewing] = useState(false);
  const job = usePreviewJob();
  const { run: runPreview, cancel: cancelPreview, reset: resetPreview } = job;
  const fileInput = useRef<HTMLInputElement>(null);
  const [done, setDone] = useState<string | null>(null);
  const [history, setHistory] = useState<ImportRecord[]>([]);

  const loadHistory = useCallback(() => invoke('import.list', {}).then(setHistory).catch(onError), [onError]);
  useEffect(() => {
    ref.current?.showModal();
    void loadHistory();
  }, [loadHistory]);

  const request = useCallback(
    () => ({
      file: file!,
      options: {
        encoding: options.encoding,
        ...(options.levels.all && { defaultLevel: options.levels.all }),
        ...(Object.keys(options.levels.rows).length > 0 && { rowLevels: options.levels.rows }),
        ...(options.roundId !== null && { roundId: options.roundId }),
        ...(options.versionLabel.trim() && { versionLabel: options.versionLabel.trim(), versionAsOf: options.versionAsOf.trim() }),
        ...(options.mapping && { mapping: options.mapping }),
        ...(options.headerLine && { headerLine: options.headerLine }),
        ...(Object.keys(options.organizationMap).length > 0 && { organizationMap: options.organizationMap }),
      },
    }),
    [file, options],
  );

  useEffect(() => {
    if (!file) return;
    let live = true;
    setPreviewing(true);
    runPreview(() => invoke('import.previewStart', request()))
      .then((v) => {
        if (!live || v?.kind !== 'importPreview') return;
        setPreview(v.importPreview);
        setProblem(null);
      })
      .catch((e: unknown) => {
        if (!live) return;
        setPreview(null);
        setProblem(e instanceof Error ? e.message : String(e));
      })
      .finally(() => live && setPreviewing(false));
    return () => {
      live = false;
    };
  }, [file, request, runPreview]);

  /** 中止: the preview stops and is forgotten; another file can be chosen (or the same again). */
  const stopPreview = () => {
    cancelPreview();
    setPreviewing(false);
    setFile(null);
    setPreview(null);
    setProblem(null);
    if (fileInput.current) fileInput.current.value = '';
  };

  const set = (patch: Partial<Options>) => {
    setDone(null);
    setOptions((o) => ({ ...o, ...patch }));
  };

  async function choose(f: File | undefined) {
    if (!f) return;
    setDone(null);
    setPreview(null);
    setProblem(null);
    resetPreview();
    setOptions((o) => ({ ...o, mapping: null, headerLine: null, organizationMap: {}, levels: { all: null, rows: {} } }));
    if (f.size > 50 * 1024 * 1024) {
      setFile(null);
      setProblem(`「${f.name}」は ${(f.size / 1048576).toFixed(1)} MB あり、取り込める上限 (50 MB) を超えています`);
      return;
    }
    try {
      setFile({ fileName: f.name, data: await readAsBase64(f) });
    } catch (e) {
      setProblem(e instanceof Error ? e.message : String(e));
    }
  }

  // A file dropped on the window (once, when the dialog opens with it).
  const dropped = useRef(initialFile ?? null);
  useEffect(() => {
    const f = dropped.current;
    dropped.current = null;
    if (f) void choose(f);
  }, []);

  async function commit() {
    setBusy(true);
    try {
      const r = await invoke('import.commit', request());
      setDone(`取り込みました: 新規 ${r.counts.new} 件、変更 ${r.counts.changed} 件 (変更なし ${r.counts.unchanged}、取り込めない ${r.counts.rejected})。事前にバックアップを作成しました`);
      setFile(null);
      setPreview(null);
      onImported();
      await loadHistory();
    } catch (e) {
      setProblem(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  }

  async function undo(rec: ImportRecord) {
    if (!window.confirm(`「${rec.fileName}」の取り込みをすべて取り消しますか?`)) return;
    try {
      const r = await invoke('import.undo', { importId: rec.id });
      setDone(`「${rec.fileName}」の取り込みを取り消しました (${r.reverted} 件の変更を戻しました)`);
      onImported();
      await loadHistory();
    } catch (e) {
      setProblem(e instanceof Error ? e.message : String(e));
    }
  }

  const mapping = preview?.mapping ?? [];
  const missing = preview ? levelsMissing(preview, options.levels) : 0;
  const canCommit = preview && !busy && !previewing && missing === 0 && preview.counts.new + preview.counts.changed > 0;

  return (
    <dialog ref={ref} className="dialog import-dialog" aria-label="一覧の取り込み" onClose={onClose}>
      <div className="import-layout">
        <form className="import-form" onSubmit={(e) => e.preventDefault()}>
          <h2>一覧の取り込み (Excel / CSV)</h2>
          <label>
            ファイル
            <input ref={fileInput} type="file" accept=".xlsx,.csv,.txt,.tsv" onChange={(e) => void choose(e.target.files?.[0])} />
          </label>
          {file && <p className="small chosen-file">選んだファイル: {file.fileName}</p>}
          <fieldset>
            <legend>取り込み先</legend>
            <label>
              評価回 (ランク・所見の列)
              <select value={options.roundId ?? ''} onChange={(e) => set({ roundId: e.target.value ? Number(e.target.value) : null })}>
                <option value="">(ランク・所見は取り込まない)</option>
                {rounds.map((r) => (
                  <option key={r.id} value={r.id} disabled={r.lockedAt !== null}>
                    {r.label} {r.title}
                    {r.lockedAt ? ' (ロック中)' : ''}
                  </option>
                ))}
              </select>
            </label>
            <div className="row">
              <label>
                版のラベル (②〜⑤の列)
                <input value={options.versionLabel} placeholder="例: R6.11" maxLength={40} onChange={(e) => set({ versionLabel: e.target.value })} />
              </label>
              <label>
                版の時点
                <input value={options.versionAsOf} placeholder="例: 2024-11" maxLength={10} onChange={(e) => set({ versionAsOf: e.target.value })} />
              </label>
            </div>
            <div className="row">
              <label>
                文字コード (CSV)
                <select value={options.encoding} onChange={(e) => set({ encoding: e.target.value as Options['encoding'] })}>
                  <option value="auto">自動判定</option>
                  <option value="cp932">Shift_JIS (CP932)</option>
                  <option value="utf8">UTF-8</option>
                  <option value="utf16le">UTF-16 (Unicode テキスト)</option>
                </select>
              </label>
            </div>
          </fieldset>

          {preview && (
            <fieldset>
              <legend>
                列の対応 (見出し {preview.headerLine}行目
                {preview.mappingSource === 'remembered' ? '・前回の指定' : preview.mappingSource === 'auto' ? '・自動' : ''})
              </legend>
              <table className="mapping">
                <tbody>
                  {preview.header.map((h, i) => (
                    <tr key={i}>
                      <th scope="row">{h || `(${i + 1}列目)`}</th>
                      <td>
                        <select
                          aria-label={`「${h || `${i + 1}列目`}」の取り込み先`}
                          value={mapping[i] ?? ''}
                          onChange={(e) => {
                            const next = [...mapping];
                            next[i] = (e.target.value || null) as ImportField | null;
                            set({ mapping: next, headerLine: preview.headerLine });
                          }}
                        >
                          <option value="">取り込まない</option>
                          {FIELDS.map(([f, label]) => (
                            <option key={f} value={f}>
                              {label}
                            </option>
                          ))}
                        </select>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </fieldset>
          )}

          {preview && preview.unknownOrganizations.length > 0 && (
            <fieldset>
              <legend>登録されていない局区</legend>
              {preview.unknownOrganizations.map((u) => (
                <label key={u.name}>
                  「{u.name}」({u.lines.length}行)
                  <select
                    aria-label={`「${u.name}」の扱い`}
                    value={String(options.organizationMap[u.name] ?? '')}
                    onChange={(e) => {
                      const v = e.target.value;
                      const next = { ...options.organizationMap };
                      if (!v) delete next[u.name];
                      else next[u.name] = v === 'create' ? 'create' : Number(v);
                      set({ organizationMap: next });
                    }}
                  >
                    <option value="">取り込まない</option>
                    <option value="create">新しい局区として登録する</option>
                    {[...u.suggestions, ...organizations.filter((o) => !u.suggestions.some((s) => s.id === o.id))].map((o) => (
                      <option key={o.id} value={o.id}>
                        {o.shortName} ({o.fullName}) とみなす
                      </option>
                    ))}
                  </select>
                </label>
              ))}
            </fieldset>
          )}

          {preview && <LevelQuestion preview={preview} choice={options.levels} onChange={(levels) => set({ levels })} />}

          {problem && (
            <p role="alert" className="error">
              {problem}
            </p>
          )}
          {done && (
            <p role="status" className="notice-ok">
              {done}
            </p>
          )}
          <div className="buttons">
            <button type="button" disabled={!canCommit} onClick={() => void commit()}>
              {busy
                ? '処理しています…'
                : preview && missing > 0
                  ? `レベルを選んでください (${missing.toLocaleString('ja-JP')} 行)`
                  : preview
                    ? `取り込む (新規 ${preview.counts.new}・変更 ${preview.counts.changed})`
                    : '取り込む'}
            </button>
            <button type="button" onClick={() => ref.current?.close()}>
              閉じる
            </button>
          </div>

          <h3>これまでの取り込み</h3>
          <ul className="import-history" aria-label="取り込みの記録">
            {history.length === 0 && <li className="muted">まだありません</li>}
            {history.map((r) => (
              <li key={r.id}>
                <span>
                  {r.fileName} — {r.actor} ({formatDateTime(r.at)}) 新規 {r.counts.new}・変更 {r.counts.changed}
                  {r.undoneAt && <span className="muted"> (取り消し済み)</span>}
                </span>
                {!r.undoneAt && (
                  <button type="button" onClick={() => void undo(r)}>
                    取り消す
                  </button>
                )}
              </li>
            ))}
          </ul>
        </form>
        <div className="import-preview">
          {job.running && <PreviewProgress status={job.running} label="ファイルの確認" onCancel={stopPreview} />}
          {job.cancelled && !file && (
            <p role="status" className="muted">
              中止しました。別のファイルを選べます (データベースは変わっていません)
            </p>
          )}
          {!preview && !problem && !job.running && !job.cancelled && (
            <p className="muted">{previewing ? '読み込んでいます…' : 'ファイルを選ぶと、取り込む前に内容を確認できます'}</p>
          )}
          {preview && (
            <>
              <p className="small">
                {preview.fileName} — {preview.kind === 'csv' ? `CSV (文字コード ${ENCODING_NAMES[preview.encoding ?? ''] ?? preview.encoding})` : `Excel シート「${preview.sheetName}」`}
                {preview.importedBefore && <strong className="warn"> このファイルは {preview.importedBefore.actor} が取り込み済みです</strong>}
              </p>
              {preview.notes.map((n) => (
                <p key={n} className="small muted">
                  {n}
                </p>
              ))}
              <PreviewRows preview={preview} />
            </>
          )}
        </div>
      </div>
    </dialog>
  );
}
