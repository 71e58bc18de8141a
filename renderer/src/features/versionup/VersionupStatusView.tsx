// バージョンアップ状況: every B/C issue (any level on request) for a pair of version labels —
// whether it has both versions, which fields changed and how much, ⑤ filled, 記載チェック.
import {
  createSortedRowModel,
  createColumnHelper,
  rowSortingFeature,
  sortFns,
  tableFeatures,
  useTable,
  type SortingState,
} from '@tanstack/react-table';
import { useEffect, useMemo, useState } from 'react';
import { VERSION_FIELDS } from '../../../../common/fields';
import type { VersionupRow, VersionupStatus } from '../../../../electron/contract/channels';
import { invoke } from '../../api/client';

const features = tableFeatures({ rowSortingFeature, sortedRowModel: createSortedRowModel(), sortFns });
const col = createColumnHelper<typeof features, VersionupRow>();
const collator = new Intl.Collator('ja');
const STATE: Record<VersionupRow['state'], string> = { versionedUp: 'バージョンアップ済', notYet: '未更新', unchanged: '変更なし' };
const mark = (key: string) => VERSION_FIELDS.find((f) => f.key === key)?.mark ?? key;
const jaSort = { sortFn: (a: { getValue(id: string): unknown }, b: { getValue(id: string): unknown }, id: string) => collator.compare(String(a.getValue(id)), String(b.getValue(id))) };

const columns = col.columns([
  col.accessor('organization', { header: '局名', ...jaSort }),
  col.accessor('key', { header: '番号', ...jaSort }),
  col.accessor('level', { header: 'レベル' }),
  col.accessor('title', { header: '課題名', ...jaSort }),
  col.accessor('state', { header: '状態', cell: (c) => STATE[c.getValue()] }),
  col.accessor((r) => r.changed.reduce((s, c) => s + c.share, 0), {
    id: 'changed',
    header: '変更項目 (変更率)',
    cell: (c) =>
      c.row.original.changed.map((x) => `${mark(x.key)}${x.share === 1 ? '新規' : `${Math.round(x.share * 100)}%`}`).join(' ') ||
      (c.row.original.hasTo ? '—' : ''),
  }),
  col.accessor('progressFilled', { header: '⑤記載', cell: (c) => (c.getValue() ? 'あり' : 'なし') }),
  col.accessor((r) => r.findings.length, {
    id: 'findings',
    header: '記載チェック',
    cell: (c) => (
      <span title={c.row.original.findings.map((f) => `${f.fieldLabel}: ${f.message}`).join('\n')}>
        {c.row.original.findings.length ? `${c.row.original.findings.length}件 ${c.row.original.findings.map((f) => f.fieldLabel).join('・')}` : 'なし'}
      </span>
    ),
  }),
]);

export function VersionupStatusView({ onOpen, onError }: { onOpen(issueId: number, comparable: number[]): void; onError(e: unknown): void }) {
  const [labels, setLabels] = useState<string[]>([]);
  const [pair, setPair] = useState<{ from: string; to: string } | null>(null);
  const [allLevels, setAllLevels] = useState(false);
  const [state, setState] = useState<'' | VersionupRow['state']>('');
  const [text, setText] = useState('');
  const [status, setStatus] = useState<VersionupStatus | null>(null);
  const [sorting, setSorting] = useState<SortingState>([]);

  useEffect(() => {
    invoke('versionup.labels', {})
      .then((l) => {
        setLabels(l);
        if (l.length >= 2) setPair({ from: l.at(-2)!, to: l.at(-1)! });
      })
      .catch(onError);
  }, [onError]);
  useEffect(() => {
    if (!pair) return;
    invoke('versionup.status', { ...pair, levels: allLevels ? ['A', 'B', 'C'] : ['B', 'C'] })
      .then(setStatus)
      .catch(onError);
  }, [pair, allLevels, onError]);

  const rows = useMemo(
    () => (status?.rows ?? []).filter((r) => (!state || r.state === state) && (!text || `${r.key} ${r.title}`.includes(text))),
    [status, state, text],
  );
  const table = useTable({
    features,
    columns,
    data: rows,
    getRowId: (r) => String(r.issueId),
    state: { sorting },
    onSortingChange: (u) => setSorting(typeof u === 'function' ? u(sorting) : u),
  });

  if (labels.length < 2) return <p className="notice">比較できる版のラベルが2つ以上ありません。</p>;
  /** The issues with both versions, as listed: the comparison dialog steps through them. */
  const comparable = () => table.getRowModel().rows.filter((r) => r.original.hasFrom && r.original.hasTo).map((r) => r.original.issueId);
  return (
    <section className="versionup" aria-label="バージョンアップ状況">
      <form className="filters" onSubmit={(e) => e.preventDefault()}>
        {(['from', 'to'] as const).map((side) => (
          <label key={side}>
            {side === 'from' ? '比較元の版' : '比較先の版'}
            <select value={pair?.[side] ?? ''} onChange={(e) => setPair((p) => p && { ...p, [side]: e.target.value })}>
              {labels.map((l) => (
                <option key={l}>{l}</option>
              ))}
            </select>
          </label>
        ))}
        <label>
          状態
          <select value={state} onChange={(e) => setState(e.target.value as typeof state)}>
            <option value="">すべて</option>
            {Object.entries(STATE).map(([k, v]) => (
              <option key={k} value={k}>
                {v}
              </option>
            ))}
          </select>
        </label>
        <label>
          絞り込み
          <input type="search" value={text} onChange={(e) => setText(e.target.value)} placeholder="番号・課題名" />
        </label>
        <label className="toggle">
          <input type="checkbox" checked={allLevels} onChange={(e) => setAllLevels(e.target.checked)} /> Aレベルも含める
        </label>
      </form>
      {status && (
        <p className="versionup-counts" role="status">
          バージョンアップ済 <strong>{status.counts.versionedUp}</strong> 件 ／ 未更新 <strong>{status.counts.notYet}</strong> 件 ／ 変更なし{' '}
          <strong>{status.counts.unchanged}</strong> 件
        </p>
      )}
      <table className="plain-table" aria-label="バージョンアップ状況の一覧">
        <thead>
          <tr>
            {table.getHeaderGroups()[0]!.headers.map((h) => {
              const dir = h.column.getIsSorted();
              return (
                <th key={h.id} aria-sort={dir === 'asc' ? 'ascending' : dir === 'desc' ? 'descending' : 'none'}>
                  <button type="button" onClick={h.column.getToggleSortingHandler()}>
                    <table.FlexRender header={h} />
                    {dir === 'asc' ? ' ▲' : dir === 'desc' ? ' ▼' : ''}
                  </button>
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>
          {table.getRowModel().rows.map((r) => (
            <tr key={r.id} className={`state-${r.original.state}`} onDoubleClick={() => r.original.hasFrom && r.original.hasTo && onOpen(r.original.issueId, comparable())}>
              {r.getAllCells().map((c) => (
                <td key={c.id}>
                  {c.column.id === 'title' && r.original.hasFrom && r.original.hasTo ? (
                    <button type="button" className="link" onClick={() => onOpen(r.original.issueId, comparable())}>
                      {r.original.title}
                    </button>
                  ) : (
                    <table.FlexRender cell={c} />
                  )}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
