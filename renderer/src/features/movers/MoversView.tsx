// ランク変動: the issues whose rank moved between two chosen rounds (上昇 / 下降), and those newly
// ranked or no longer ranked, with counts; sortable, filterable by level, 局区 and kind of move.
import {
  createColumnHelper,
  createSortedRowModel,
  rowSortingFeature,
  sortFns,
  tableFeatures,
  useTable,
  type SortingState,
} from '@tanstack/react-table';
import { useMemo, useState } from 'react';
import type { Movement, MoverRow, Organization, Round } from '../../../../electron/contract/channels';
import { invoke } from '../../api/client';
import { useLatestAnswer } from '../../app/useLatestAnswer';
import { RoundSelect } from '../rounds/RoundSelect';

const features = tableFeatures({ rowSortingFeature, sortedRowModel: createSortedRowModel(), sortFns });
const col = createColumnHelper<typeof features, MoverRow>();
const collator = new Intl.Collator('ja');
const jaSort = { sortFn: (a: { getValue(id: string): unknown }, b: { getValue(id: string): unknown }, id: string) => collator.compare(String(a.getValue(id) ?? ''), String(b.getValue(id) ?? '')) };

export const MOVEMENT_LABELS: Record<Movement, string> = { up: '上昇', down: '下降', ranked: '新たに評価', unranked: '評価なしに' };

function moveText(r: MoverRow): string {
  if (r.movement === 'up') return `▲ ${r.steps} 上昇`;
  if (r.movement === 'down') return `▼ ${-r.steps} 下降`;
  return MOVEMENT_LABELS[r.movement];
}

const columns = col.columns([
  col.accessor('organizationOrder', { header: '局名', cell: (c) => c.row.original.organization }),
  col.accessor('key', { header: '番号', ...jaSort }),
  col.accessor('level', { header: 'レベル' }),
  col.accessor('title', { header: '課題名', ...jaSort }),
  col.accessor((r) => r.fromLabel ?? '', { id: 'from', header: '比較元', ...jaSort, cell: (c) => c.row.original.fromLabel ?? '未評価' }),
  col.accessor((r) => r.toLabel ?? '', { id: 'to', header: '比較先', ...jaSort, cell: (c) => c.row.original.toLabel ?? '未評価' }),
  col.accessor('steps', {
    header: '変化',
    cell: (c) => <span className={c.row.original.movement === 'up' ? 'move-up' : c.row.original.movement === 'down' ? 'move-down' : undefined}>{moveText(c.row.original)}</span>,
  }),
]);

/** A pair that cannot be compared (different scales, the same round) is an answer, not a failure of the screen: said in place. */
const saidInPlace = (e: unknown) => (e instanceof Error ? e.message : String(e));

export interface MoversViewProps {
  rounds: Round[];
  organizations: Organization[];
  /** Opens an issue, with the list as shown (filtered, sorted) to step through, in the later round. */
  onOpen(issueId: number, ids: number[], roundId: number): void;
}

export function MoversView({ rounds, organizations, onOpen }: MoversViewProps) {
  // Default: the round before the latest → the latest.
  const [pair, setPair] = useState<{ from: number; to: number } | null>(rounds.length >= 2 ? { from: rounds[1]!.id, to: rounds[0]!.id } : null);
  const [level, setLevel] = useState<'' | 'A' | 'B' | 'C'>('');
  const [organizationId, setOrganizationId] = useState<number | null>(null);
  const [only, setOnly] = useState<Movement | null>(null);
  const [text, setText] = useState('');
  const [sorting, setSorting] = useState<SortingState>([]);
  const load = useMemo(
    () =>
      pair
        ? () =>
            invoke('rounds.movers', {
              fromRoundId: pair.from,
              toRoundId: pair.to,
              ...(level && { levels: [level] }),
              ...(organizationId !== null && { organizationIds: [organizationId] }),
            })
        : null,
    [pair, level, organizationId],
  );
  const { data, problem } = useLatestAnswer(load, saidInPlace);

  const rows = useMemo(
    () => (data?.rows ?? []).filter((r) => (!only || r.movement === only) && (!text || `${r.key} ${r.title}`.includes(text))),
    [data, only, text],
  );
  const table = useTable({
    features,
    columns,
    data: rows,
    getRowId: (r) => String(r.issueId),
    state: { sorting },
    onSortingChange: (u) => setSorting(typeof u === 'function' ? u(sorting) : u),
  });

  if (rounds.length < 2) return <p className="notice">比べるには評価回が2つ以上必要です。「評価回」タブで作成してください。</p>;
  const open = (issueId: number) => data && onOpen(issueId, table.getRowModel().rows.map((r) => r.original.issueId), data.to.id);
  return (
    <section className="movers" aria-label="ランク変動">
      <form className="filters" onSubmit={(e) => e.preventDefault()}>
        {(['from', 'to'] as const).map((side) => (
          <label key={side}>
            {side === 'from' ? '比較元の評価回' : '比較先の評価回'}
            <RoundSelect rounds={rounds} value={pair?.[side]} onChange={(id) => setPair((p) => p && { ...p, [side]: id })} />
          </label>
        ))}
        <label>
          レベル
          <select value={level} onChange={(e) => setLevel(e.target.value as typeof level)}>
            <option value="">すべて</option>
            <option value="A">A</option>
            <option value="B">B</option>
            <option value="C">C</option>
          </select>
        </label>
        <label>
          局区
          <select value={organizationId ?? ''} onChange={(e) => setOrganizationId(e.target.value ? Number(e.target.value) : null)}>
            <option value="">すべて</option>
            {organizations.map((o) => (
              <option key={o.id} value={o.id}>
                {o.shortName}
              </option>
            ))}
          </select>
        </label>
        <label>
          絞り込み
          <input type="search" value={text} onChange={(e) => setText(e.target.value)} placeholder="番号・課題名" />
        </label>
      </form>
      {problem && (
        <p className="notice" role="status">
          {problem}
        </p>
      )}
      {data && (
        <p className="movers-counts" role="status">
          {data.from.label} → {data.to.label}:{' '}
          {(['up', 'down', 'ranked', 'unranked'] as const).map((m) => (
            <span key={m}>
              <button type="button" aria-pressed={only === m} onClick={() => setOnly(only === m ? null : m)}>
                {MOVEMENT_LABELS[m]} <strong>{data.counts[m].toLocaleString('ja-JP')}</strong> 件
              </button>{' '}
              ／{' '}
            </span>
          ))}
          変化なし <strong>{data.counts.same.toLocaleString('ja-JP')}</strong> 件
          {data.truncated && <span className="muted"> (一覧は先頭 {data.rows.length.toLocaleString('ja-JP')} 件。局区やレベルで絞り込んでください)</span>}
        </p>
      )}
      <table className="plain-table" aria-label="ランクが変わった課題の一覧">
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
            <tr key={r.id} onDoubleClick={() => open(r.original.issueId)}>
              {r.getAllCells().map((c) => (
                <td key={c.id}>
                  {c.column.id === 'key' ? (
                    <button type="button" className="link" onClick={() => open(r.original.issueId)} title="課題を開く (前後の課題へも移動できます)">
                      {r.original.key}
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
      {data && rows.length === 0 && <p className="muted">該当する課題はありません。</p>}
    </section>
  );
}
