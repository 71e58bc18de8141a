// 監査ログ: every change with who, when, before and after. Filters by person, issue (会計-A-1),
// round, kind of change and period (和暦 shown; stored in UTC), pages with a keyset cursor (fast
// on a million rows), exports the filtered log to .xlsx, and undoes a bulk change (the undo is
// itself logged).
import { useCallback, useEffect, useMemo, useState } from 'react';
import { describeAudit, ENTITY_LABELS } from '../../../../common/audit-text';
import { formatWarekiPeriod } from '../../../../common/wareki';
import type { AuditCursor, AuditListRow, Round } from '../../../../electron/contract/channels';
import { invoke } from '../../api/client';
import { formatDateTime } from '../../lib/format';
import { ConfirmDialog } from '../rounds/ConfirmDialog';
import { NO_AUDIT_FILTER, toAuditFilter, type AuditFilterForm } from './audit-filter';
import { useAuditExport } from './useAuditExport';

const PAGE = 100;
const collator = new Intl.Collator('ja');
/** Bulk changes the screen can undo. */
const UNDOABLE = new Set(['evaluation.confirmAll', 'round.create']);

export interface AuditViewProps {
  rounds: Round[];
  onError(e: unknown): void;
  /** A bulk change was undone: rounds and the grid may have changed. */
  onChanged(): void;
}

export function AuditView({ rounds, onError, onChanged }: AuditViewProps) {
  const [form, setForm] = useState<AuditFilterForm>(NO_AUDIT_FILTER);
  const [keyDraft, setKeyDraft] = useState('');
  const [facets, setFacets] = useState<{ actors: string[]; entities: string[] }>({ actors: [], entities: [] });
  const [cursors, setCursors] = useState<(AuditCursor | undefined)[]>([undefined]);
  const [rows, setRows] = useState<AuditListRow[]>([]);
  const [next, setNext] = useState<AuditCursor | null>(null);
  const [count, setCount] = useState<number | null>(null);
  const [reload, setReload] = useState(0);
  const [undoing, setUndoing] = useState<AuditListRow | null>(null);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState('');
  const exporter = useAuditExport(onError);

  const filter = useMemo(() => toAuditFilter(form), [form]);
  const page = cursors.length - 1;

  useEffect(() => {
    invoke('audit.facets', {})
      .then((f) => setFacets({ actors: [...f.actors].sort(collator.compare), entities: f.entities }))
      .catch(onError);
  }, [onError, reload]);

  // Each filter is counted separately, so its first page never waits for the count.
  useEffect(() => {
    setCount(null);
    let live = true;
    invoke('audit.count', filter)
      .then((c) => live && setCount(c.count))
      .catch(() => live && setCount(null));
    return () => {
      live = false;
    };
  }, [filter, reload]);

  useEffect(() => {
    let live = true;
    invoke('audit.list', { ...filter, limit: PAGE, ...(cursors[page] && { after: cursors[page] }) })
      .then((p) => {
        if (!live) return;
        setRows(p.rows);
        setNext(p.next);
      })
      .catch((e: unknown) => {
        if (!live) return;
        setRows([]);
        setNext(null);
        onError(e);
      });
    return () => {
      live = false;
    };
  }, [filter, cursors, page, onError, reload]);

  // A new filter starts again at the first page.
  const set = (patch: Partial<AuditFilterForm>) => {
    setForm((f) => ({ ...f, ...patch }));
    setCursors([undefined]);
  };
  const undo = useCallback(
    (row: AuditListRow) => {
      setBusy(true);
      invoke('rounds.undoBulk', { auditId: row.id })
        .then((r) => {
          setMessage(r.message);
          setUndoing(null);
          setReload((k) => k + 1);
          onChanged();
        })
        .catch((e: unknown) => {
          setUndoing(null);
          onError(e);
        })
        .finally(() => setBusy(false));
    },
    [onChanged, onError],
  );

  const first = page * PAGE + 1;
  return (
    <section className="audit" aria-label="監査ログ">
      <form className="filters" role="search" aria-label="監査ログの絞り込み" onSubmit={(e) => e.preventDefault()}>
        <label>
          更新者
          <select value={form.actor} onChange={(e) => set({ actor: e.target.value })}>
            <option value="">すべて</option>
            {facets.actors.map((a) => (
              <option key={a}>{a}</option>
            ))}
          </select>
        </label>
        <label className="key">
          課題
          <input
            value={keyDraft}
            placeholder="例: 会計-A-1"
            onChange={(e) => setKeyDraft(e.target.value)}
            onBlur={() => keyDraft !== form.issueKey && set({ issueKey: keyDraft })}
            onKeyDown={(e) => e.key === 'Enter' && keyDraft !== form.issueKey && set({ issueKey: keyDraft })}
          />
        </label>
        <label>
          評価回
          <select value={form.roundId ?? ''} onChange={(e) => set({ roundId: e.target.value ? Number(e.target.value) : null })}>
            <option value="">すべて</option>
            {rounds.map((r) => (
              <option key={r.id} value={r.id}>
                {r.label}
              </option>
            ))}
          </select>
        </label>
        <label>
          種類
          <select value={form.entity} onChange={(e) => set({ entity: e.target.value })}>
            <option value="">すべて</option>
            {facets.entities.map((x) => (
              <option key={x} value={x}>
                {ENTITY_LABELS[x] ?? x}
              </option>
            ))}
          </select>
        </label>
        <label>
          期間 (から)
          <input type="date" value={form.fromDay} onChange={(e) => set({ fromDay: e.target.value })} />
          <span className="muted small">{form.fromDay && formatWarekiPeriod(form.fromDay)}</span>
        </label>
        <label>
          期間 (まで)
          <input type="date" value={form.toDay} onChange={(e) => set({ toDay: e.target.value })} />
          <span className="muted small">{form.toDay && formatWarekiPeriod(form.toDay)}</span>
        </label>
        <button
          type="button"
          onClick={() => {
            set(NO_AUDIT_FILTER);
            setKeyDraft('');
          }}
        >
          条件をクリア
        </button>
        <button type="button" onClick={() => void exporter.start(filter)} disabled={exporter.running || count === 0}>
          Excelに出力…
        </button>
        <output className="count" aria-live="polite">
          {count === null ? '' : `該当 ${count.toLocaleString('ja-JP')} 件`}
        </output>
      </form>
      {exporter.job && (
        <p className="audit-count" role="status">
          {exporter.job.state === 'running'
            ? `${exporter.job.progress.phase} (${exporter.job.progress.done.toLocaleString('ja-JP')} / ${exporter.job.progress.total.toLocaleString('ja-JP')})`
            : exporter.job.state === 'done'
              ? `${exporter.job.result!.fileName} を${exporter.job.result!.delivery.kind === 'saved' ? '保存しました' : exporter.job.result!.delivery.kind === 'cancelled' ? '保存しませんでした' : 'ダウンロードしました'}`
              : exporter.job.state === 'cancelled'
                ? '出力を取り消しました'
                : exporter.job.error?.message}
          {exporter.job.state === 'running' && exporter.job.cancellable && (
            <button type="button" onClick={exporter.cancel}>
              取り消す
            </button>
          )}
        </p>
      )}
      {message && (
        <p className="done-message" role="status">
          {message}
        </p>
      )}
      <table className="plain-table audit-table" aria-label="監査ログの一覧">
        <thead>
          <tr>
            <th>番号</th>
            <th>日時</th>
            <th>更新者</th>
            <th>操作</th>
            <th>対象</th>
            <th>評価回</th>
            <th>変更前</th>
            <th>変更後</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => {
            const t = describeAudit(r);
            return (
              <tr key={r.id}>
                <td className="num">{r.id}</td>
                <td className="when" title={r.at}>
                  {formatDateTime(r.at)}
                </td>
                <td>{r.actor}</td>
                <td>
                  {t.action}
                  {r.revertsId !== null && <span className="muted small"> (番号 {r.revertsId} の取消)</span>}
                </td>
                <td>{t.target}</td>
                <td>{r.roundLabel ?? ''}</td>
                <td className="change">{t.before}</td>
                <td className="change">{t.after}</td>
                <td>
                  {r.undoneBy !== null ? (
                    <span className="muted small">取消済み</span>
                  ) : (
                    UNDOABLE.has(r.action) && (
                      <button type="button" onClick={() => setUndoing(r)}>
                        取り消す…
                      </button>
                    )
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {rows.length === 0 && <p className="muted">条件に合う記録はありません。</p>}
      <div className="audit-pager">
        <button type="button" disabled={page === 0} onClick={() => setCursors((c) => c.slice(0, -1))}>
          ← 新しい {PAGE} 件
        </button>
        <span>
          {rows.length > 0 && `${first.toLocaleString('ja-JP')}〜${(first + rows.length - 1).toLocaleString('ja-JP')} 件目`}
          {count !== null && ` / ${count.toLocaleString('ja-JP')} 件`}
        </span>
        <button type="button" disabled={!next} onClick={() => next && setCursors((c) => [...c, next])}>
          古い {PAGE} 件 →
        </button>
      </div>
      {undoing && (
        <ConfirmDialog title="一括変更の取消" confirmLabel="取り消す" busy={busy} onClose={() => setUndoing(null)} onConfirm={() => undo(undoing)}>
          <p>
            {formatDateTime(undoing.at)} の「{describeAudit(undoing).action}」({describeAudit(undoing).target}) を取り消します。取り消す前にデータベースの控えを取り、取消も監査ログに記録します。
          </p>
          {undoing.action === 'round.create' && <p>評価回そのものを削除します。確定したランクや所見がある場合は取り消せません。</p>}
          {undoing.action === 'evaluation.confirmAll' && <p>確定したランクを「繰越」に戻します。その後に変更されたランクはそのままにします。</p>}
        </ConfirmDialog>
      )}
    </section>
  );
}
