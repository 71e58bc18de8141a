// Collecting returns: choose one or many workbooks, see per file whether it is accepted (and
// why not), what would change, and decide each conflict (the secretariat changed the issue
// after the form went out) before anything is written. The preview reads the workbooks in the
// database worker as a job: a bar shows how far it is and 中止 stops it (nothing is written).
import { useRef, useState } from 'react';
import type { CollectResult, ReturnsPreview } from '../../../../electron/contract/channels';
import { invoke } from '../../api/client';
import { PreviewProgress } from '../import/PreviewProgress';
import { readAsBase64 } from '../import/read-file';
import { usePreviewJob } from '../import/usePreviewJob';

type Choice = 'theirs' | 'skip';

export function ReturnsPanel({ inquiryId, onCollected }: { inquiryId: number | null; onCollected(r: CollectResult): void }) {
  const [files, setFiles] = useState<{ fileName: string; data: string }[]>([]);
  const [preview, setPreview] = useState<ReturnsPreview | null>(null);
  const [choices, setChoices] = useState<Record<string, Choice>>({});
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const job = usePreviewJob();
  const fileInput = useRef<HTMLInputElement>(null);

  async function choose(list: FileList | null) {
    setDone(null);
    setProblem(null);
    setPreview(null);
    setChoices({});
    job.reset();
    if (!list?.length) return;
    setBusy(true);
    try {
      const read = await Promise.all([...list].map(async (f) => ({ fileName: f.name, data: await readAsBase64(f) })));
      setFiles(read);
      const value = await job.run(() => invoke('inquiry.previewStart', { files: read, ...(inquiryId !== null && { inquiryId }) }));
      if (value?.kind === 'returnsPreview') setPreview(value.returnsPreview);
    } catch (e) {
      setProblem(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  }

  async function collect() {
    if (!preview) return;
    setBusy(true);
    try {
      const r = await invoke('inquiry.collect', { files, inquiryId: preview.inquiry.id, choices });
      setDone(`${r.returnedForms.length} 局区の回答を取り込みました: 新しい版 ${r.written.length} 件${r.skipped.length ? `、見送り ${r.skipped.length} 件` : ''}`);
      setPreview(null);
      setFiles([]);
      onCollected(r);
    } catch (e) {
      setProblem(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  }

  /** 中止: the preview stops and is forgotten; other files can be chosen (or the same again). */
  function stop() {
    job.cancel();
    setBusy(false);
    setFiles([]);
    if (fileInput.current) fileInput.current.value = '';
  }

  const undecided = preview ? preview.conflicts.filter((c) => !choices[String(c.issueId)]).length : 0;
  return (
    <section className="returns" aria-label="回答の取り込み">
      <h2>回答の取り込み</h2>
      <label>
        回答のブック (複数選択可)
        <input ref={fileInput} type="file" multiple accept=".xlsx" onChange={(e) => void choose(e.target.files)} />
      </label>
      {job.running ? <PreviewProgress status={job.running} label="回答の確認" onCancel={stop} /> : busy && <p className="muted">確認しています…</p>}
      {job.cancelled && (
        <p role="status" className="muted">
          中止しました。別のファイルを選べます (データベースは変わっていません)
        </p>
      )}
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
      {preview && (
        <>
          <p>
            照会 {preview.inquiry.label}「{preview.inquiry.title}」: 受付 {preview.counts.accepted} / 受付不可 {preview.counts.refused} ファイル — 変更 {preview.counts.changed}・
            変更なし {preview.counts.unchanged}・競合 {preview.counts.conflicts}・取り込めない行 {preview.counts.rejected}
          </p>
          <table className="returns-files" aria-label="回答ファイル">
            <thead>
              <tr>
                <th scope="col">ファイル</th>
                <th scope="col">局区</th>
                <th scope="col">結果</th>
              </tr>
            </thead>
            <tbody>
              {preview.files.map((f) => (
                <tr key={f.fileName + f.sha256} className={f.status}>
                  <td>{f.fileName}</td>
                  <td>{f.organization ?? ''}</td>
                  <td>
                    {f.status === 'accepted'
                      ? `変更 ${f.counts.changed}・変更なし ${f.counts.unchanged}・競合 ${f.counts.conflicts}・取り込めない ${f.counts.rejected}${f.counts.missing ? `・行なし ${f.counts.missing}` : ''}`
                      : f.message}
                    {f.rows
                      .filter((r) => r.status === 'rejected')
                      .map((r) => (
                        <div key={r.row} className="small error-text">
                          {r.reason}
                        </div>
                      ))}
                    {f.warnings.map((w) => (
                      <div key={w} className="small warn">
                        {w}
                      </div>
                    ))}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {preview.conflicts.length > 0 && (
            <fieldset className="conflicts">
              <legend>競合 (様式の作成後に事務局が変更した課題) — どちらを残すか選んでください</legend>
              {preview.conflicts.map((c) => (
                <div key={c.issueId} className="conflict">
                  <b>
                    {c.key} {c.title}
                  </b>{' '}
                  <span className="muted small">
                    ({c.fileName} {c.row}行目、送付時 {c.baseLabel ?? 'なし'} → 現在 {c.currentLabel ?? 'なし'})
                  </span>
                  {c.fields.map((f) => (
                    <div key={f.key} className="small">
                      {f.mark}
                      {f.label}: 事務局「{f.current.slice(0, 80)}」/ 回答「{f.returned.slice(0, 80)}」
                    </div>
                  ))}
                  <label className="choice">
                    <input type="radio" name={`c${c.issueId}`} checked={choices[String(c.issueId)] === 'skip'} onChange={() => setChoices({ ...choices, [String(c.issueId)]: 'skip' })} />
                    事務局の内容を残す
                  </label>
                  <label className="choice">
                    <input type="radio" name={`c${c.issueId}`} checked={choices[String(c.issueId)] === 'theirs'} onChange={() => setChoices({ ...choices, [String(c.issueId)]: 'theirs' })} />
                    局区の回答を新しい版にする
                  </label>
                </div>
              ))}
            </fieldset>
          )}
          <div className="buttons">
            <button type="button" disabled={busy || preview.counts.accepted === 0 || undecided > 0} onClick={() => void collect()}>
              {undecided > 0 ? `競合 ${undecided} 件を選んでください` : '回答を取り込む'}
            </button>
          </div>
        </>
      )}
    </section>
  );
}
