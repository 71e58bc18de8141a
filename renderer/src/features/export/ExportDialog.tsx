// The export dialog: what (report, comparison sheets, per-organization sheets, the grid),
// which round / versions / organizations, paper, font and format; a print preview of the HTML;
// a progress bar while the file is made; then the Save dialog (app) or a download (preview).
// The last choices come back the next time.
import { useEffect, useMemo, useRef, useState } from 'react';
import type { ExportPreview as Preview, Organization, Round } from '../../../../electron/contract/channels';
import { invoke } from '../../api/client';
import { useDebounced } from '../../app/useDebounced';
import { RoundSelect } from '../rounds/RoundSelect';
import { CarriedNotice } from './CarriedNotice';
import { ExportPreview } from './ExportPreview';
import { JobStatusPanel } from './JobStatusPanel';
import { formFromLast, initialForm, KIND_LABELS, toRequest, type ExportForm, type GridFilter } from './export-form';
import { useExportJob } from './useExportJob';

export interface ExportDialogProps {
  rounds: Round[];
  organizations: Organization[];
  roundId: number | null;
  grid: GridFilter | null;
  gridCount: number | null;
  selectedIssue: { id: number; key: string; level: string } | null;
  onError(e: unknown): void;
  onClose(): void;
}

/** フォント: the fonts export.defaults offers, for the grid's .xlsx and the documents alike. */
function FontField({ fonts, value, onChange }: { fonts: string[]; value: string; onChange(font: string): void }) {
  return (
    <label>
      フォント
      <select value={value} onChange={(e) => onChange(e.target.value)}>
        {fonts.map((f) => (
          <option key={f}>{f}</option>
        ))}
      </select>
    </label>
  );
}

export function ExportDialog({ rounds, organizations, roundId, grid, gridCount, selectedIssue, onError, onClose }: ExportDialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const [fonts, setFonts] = useState<string[]>([]);
  const [labels, setLabels] = useState<string[]>([]);
  const [form, setForm] = useState<ExportForm | null>(null);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [previewError, setPreviewError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  /** Bumped to ask for the preview again (after confirming 繰越). */
  const [refresh, setRefresh] = useState(0);
  const job = useExportJob(onError);

  useEffect(() => {
    ref.current?.showModal();
    Promise.all([invoke('export.defaults', {}), invoke('versionup.labels', {})])
      .then(([d, l]) => {
        setFonts(d.fonts);
        setLabels(l);
        let f = initialForm(roundId, d.defaultFont, d.defaultPaper);
        if (d.last.kind) f = formFromLast(f, d.last.byKind[d.last.kind]);
        // The grid export always follows the screen's round; the others keep theirs if it still exists.
        if (f.roundId === null || !rounds.some((r) => r.id === f.roundId)) f.roundId = roundId;
        setForm(f);
      })
      .catch(onError);
  }, [roundId, rounds, onError]);

  const set = (patch: Partial<ExportForm>) => setForm((f) => (f ? { ...f, ...patch } : f));
  const chooseKind = (kind: ExportForm['kind']) => {
    // The radio follows the click at once; the remembered choices of that kind arrive after.
    setForm((f) => (f ? { ...f, kind } : f));
    invoke('export.defaults', {})
      .then((d) => setForm((f) => (f && f.kind === kind ? formFromLast({ ...f, kind }, d.last.byKind[kind]) : f)))
      .catch(onError);
  };

  const request = useMemo(() => (form ? toRequest(form, grid, selectedIssue?.id ?? null) : null), [form, grid, selectedIssue]);
  const debounced = useDebounced(request, 300);
  useEffect(() => {
    if (!debounced) {
      setPreview(null);
      return;
    }
    let live = true;
    setLoading(true);
    invoke('export.preview', debounced)
      .then((p) => {
        if (!live) return;
        setPreview(p);
        setPreviewError(null);
      })
      .catch((e: unknown) => {
        if (!live) return;
        setPreview(null);
        setPreviewError(e instanceof Error ? e.message : String(e));
      })
      .finally(() => live && setLoading(false));
    return () => {
      live = false;
    };
  }, [debounced, refresh]);

  const doc = form?.kind !== 'grid';
  const status = job.job;

  return (
    <dialog ref={ref} className="dialog export-dialog" aria-label="資料の出力" onClose={onClose}>
      <div className="export-layout">
        <form
          className="export-form"
          onSubmit={(e) => {
            e.preventDefault();
            if (request) void job.start(request);
          }}
        >
          <h2>資料の出力</h2>
          {!form && <p className="muted">読み込んでいます…</p>}
          {form && (
            <>
              <fieldset>
                <legend>出力するもの</legend>
                {KIND_LABELS.map(([kind, label, hint]) => (
                  <label key={kind} className="choice">
                    <input type="radio" name="kind" checked={form.kind === kind} onChange={() => void chooseKind(kind)} />
                    <span>
                      {label}
                      <span className="muted small"> — {hint}</span>
                    </span>
                  </label>
                ))}
              </fieldset>

              {form.kind !== 'compare' && form.kind !== 'grid' && (
                <fieldset>
                  <legend>評価回と局区</legend>
                  <label>
                    評価回
                    <RoundSelect rounds={rounds} value={form.roundId} onChange={(id) => set({ roundId: id })} />
                  </label>
                  <label>
                    局区 (Ctrl+クリックで複数選択。未選択はすべて)
                    <select
                      multiple
                      size={6}
                      value={form.organizationIds.map(String)}
                      onChange={(e) => set({ organizationIds: [...e.target.selectedOptions].map((o) => Number(o.value)) })}
                    >
                      {organizations.map((o) => (
                        <option key={o.id} value={o.id}>
                          {o.shortName} {o.fullName}
                        </option>
                      ))}
                    </select>
                  </label>
                  {form.organizationIds.length > 0 && (
                    <button type="button" className="link" onClick={() => set({ organizationIds: [] })}>
                      すべての局区に戻す
                    </button>
                  )}
                </fieldset>
              )}

              {form.kind === 'compare' && (
                <fieldset>
                  <legend>比較する課題と版</legend>
                  <label className="choice">
                    <input type="radio" name="scope" checked={form.compareScope === 'all'} onChange={() => set({ compareScope: 'all' })} />
                    B・Cレベルで版が2つ以上あるすべての課題
                  </label>
                  <label className="choice">
                    <input
                      type="radio"
                      name="scope"
                      checked={form.compareScope === 'selected'}
                      disabled={!selectedIssue}
                      onChange={() => set({ compareScope: 'selected' })}
                    />
                    選択中の課題{selectedIssue ? ` (${selectedIssue.key})` : ' (一覧で選んでください)'}
                  </label>
                  <div className="row">
                    <label>
                      比較元
                      <select value={form.from} onChange={(e) => set({ from: e.target.value })}>
                        <option value="">直前の版</option>
                        {labels.map((l) => (
                          <option key={l}>{l}</option>
                        ))}
                      </select>
                    </label>
                    <label>
                      比較先
                      <select value={form.to} onChange={(e) => set({ to: e.target.value })}>
                        <option value="">最新の版</option>
                        {labels.map((l) => (
                          <option key={l}>{l}</option>
                        ))}
                      </select>
                    </label>
                  </div>
                </fieldset>
              )}

              {form.kind === 'grid' && (
                <fieldset>
                  <legend>対象</legend>
                  <p className="small">ランク付け画面で表示中の {gridCount ?? '…'} 件 (絞り込み・並び順のとおり)</p>
                </fieldset>
              )}

              <fieldset>
                <legend>形式</legend>
                {doc ? (
                  <div className="row">
                    <label className="choice">
                      <input type="radio" name="docFormat" checked={form.docFormat === 'docx'} onChange={() => set({ docFormat: 'docx' })} />
                      Word (.docx)
                    </label>
                    <label className="choice">
                      <input type="radio" name="docFormat" checked={form.docFormat === 'pdf'} onChange={() => set({ docFormat: 'pdf' })} />
                      PDF
                    </label>
                  </div>
                ) : (
                  <>
                    <div className="row">
                      <label className="choice">
                        <input type="radio" name="sheetFormat" checked={form.sheetFormat === 'xlsx'} onChange={() => set({ sheetFormat: 'xlsx' })} />
                        Excel (.xlsx)
                      </label>
                      <label className="choice">
                        <input type="radio" name="sheetFormat" checked={form.sheetFormat === 'csv'} onChange={() => set({ sheetFormat: 'csv' })} />
                        CSV
                      </label>
                    </div>
                    {form.sheetFormat === 'csv' && (
                      <label>
                        文字コード
                        <select value={form.encoding} onChange={(e) => set({ encoding: e.target.value as ExportForm['encoding'] })}>
                          <option value="cp932">Shift_JIS (CP932) — Excelでそのまま開けます</option>
                          <option value="utf8bom">UTF-8 (BOM付き) — すべての文字を保持</option>
                        </select>
                      </label>
                    )}
                  </>
                )}
                {form.kind === 'compare' && form.docFormat === 'docx' && (
                  <label className="choice">
                    <input type="checkbox" checked={form.tracked} onChange={(e) => set({ tracked: e.target.checked })} />
                    変更を Word の「変更履歴」として記録する (校閲で承諾/元に戻すができます)
                  </label>
                )}
                {form.kind === 'compare' && form.docFormat === 'docx' && form.tracked && (
                  <label>
                    変更履歴の日時
                    <select value={form.revisionDate} onChange={(e) => set({ revisionDate: e.target.value as ExportForm['revisionDate'] })}>
                      <option value="newer">新しい版の時点 (例: R6.11 → 令和6年11月)</option>
                      <option value="export">出力した日時</option>
                    </select>
                  </label>
                )}
                {form.kind === 'grid' && form.sheetFormat === 'xlsx' && (
                  <FontField fonts={fonts} value={form.font} onChange={(font) => set({ font })} />
                )}
              </fieldset>

              {doc && (
                <fieldset>
                  <legend>用紙とフォント</legend>
                  <div className="row">
                    <label>
                      用紙
                      <select value={form.paper} onChange={(e) => set({ paper: e.target.value as ExportForm['paper'] })}>
                        <option value="auto">標準 ({form.kind === 'compare' ? 'A3' : 'A4'})</option>
                        <option value="A4">A4</option>
                        <option value="A3">A3</option>
                      </select>
                    </label>
                    <label>
                      向き
                      <select value={form.orientation} onChange={(e) => set({ orientation: e.target.value as ExportForm['orientation'] })}>
                        <option value="auto">標準 ({form.kind === 'compare' ? '横' : '縦'})</option>
                        <option value="portrait">縦</option>
                        <option value="landscape">横</option>
                      </select>
                    </label>
                    <FontField fonts={fonts} value={form.font} onChange={(font) => set({ font })} />
                  </div>
                  <label className="choice">
                    <input type="checkbox" checked={form.seireki} onChange={(e) => set({ seireki: e.target.checked })} />
                    和暦の後ろに西暦を併記する (例: 令和6年12月20日 (2024年))
                  </label>
                </fieldset>
              )}

              {request && request.kind !== 'compare' && preview && (
                <CarriedNotice
                  carried={preview.carried}
                  scope={{ roundId: request.roundId, organizationIds: request.organizationIds, levels: request.levels }}
                  policy={form.carried}
                  onPolicy={(carried) => set({ carried })}
                  onConfirmed={() => setRefresh((n) => n + 1)}
                  onError={onError}
                />
              )}
              {previewError && (
                <p role="alert" className="error">
                  {previewError}
                </p>
              )}
              <JobStatusPanel status={status} progressLabel="出力の進み具合" onCancel={job.cancel} detailed />
              <div className="buttons">
                <button type="submit" disabled={!request || job.running || !!previewError || (form.carried === 'refuse' && request.kind !== 'compare' && (preview?.carried ?? 0) > 0)}>
                  {job.running ? '出力しています…' : '保存…'}
                </button>
                <button type="button" onClick={() => ref.current?.close()}>
                  閉じる
                </button>
              </div>
            </>
          )}
        </form>
        <ExportPreview preview={preview} loading={loading} />
      </div>
    </dialog>
  );
}
