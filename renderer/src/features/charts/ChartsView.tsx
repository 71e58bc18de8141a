// グラフ: the rank distribution per 局区 for the grid's round and filter (stacked bars), and the
// movement between two rounds per 局区. Each chart has its table beside it (the same figures, for
// screen readers and for reading exact numbers); a bar or a number opens the grid filtered to it;
// each chart prints on its own or saves as a PNG.
import { useEffect, useMemo, useRef, useState } from 'react';
import type { ChartView as ChartViewData, Input, MovementByOrganization, Organization, RankDistribution, Round } from '../../../../electron/contract/channels';
import { ApiError, invoke } from '../../api/client';
import { downloadUrl } from '../../api/download';
import { useLatestAnswer } from '../../app/useLatestAnswer';
import type { Filters } from '../filters/FilterBar';
import { RoundSelect } from '../rounds/RoundSelect';
import { BarChart, type BarChartHandle, type BarSeries } from './BarChart';
import { MOVEMENT_COLORS, RANK_COLORS, UNRANKED_COLOR } from './chart-setup';
import './charts.css';

type IssueFilter = Input<'charts.distribution'>;
const MOVES = [
  ['up', '上昇'],
  ['down', '下降'],
  ['ranked', '新たに評価'],
  ['unranked', '評価なしに'],
] as const;

export interface ChartsViewProps {
  rounds: Round[];
  round: Round | null;
  organizations: Organization[];
  /** The grid's filter as asked of the database, and as the user set it (for the caption). */
  filter: IssueFilter | null;
  filters: Filters;
  /** Opens the grid with these filters (and round). */
  onShow(patch: Partial<Filters>, roundId: number): void;
  onError(e: unknown): void;
}

const n = (x: number) => x.toLocaleString('ja-JP');

/** The grid's filter in words, for the chart's caption (「レベルA・検索「防災」」). */
function describeFilter(filters: Filters, organizations: Organization[], round: Round): string {
  const parts: string[] = [];
  if (filters.organizationId !== null) parts.push(organizations.find((o) => o.id === filters.organizationId)?.shortName ?? '');
  if (filters.level) parts.push(`レベル${filters.level}`);
  if (filters.rank !== null) parts.push(filters.rank === '' ? '未評価' : (round.ranks.find((r) => r.value === filters.rank)?.label ?? filters.rank));
  if (filters.carried) parts.push('繰越のみ');
  if (filters.text.trim()) parts.push(`検索「${filters.text.trim()}」`);
  return parts.length ? parts.join('・') : 'すべての課題';
}

function usePrint() {
  return (id: string) => {
    // Only the chosen chart and its table are printed (see charts.css, @media print).
    document.documentElement.dataset.print = id;
    const done = () => {
      delete document.documentElement.dataset.print;
      window.removeEventListener('afterprint', done);
    };
    window.addEventListener('afterprint', done);
    window.print();
  };
}

function ChartTools({ id, title, chart, fileName, onError }: { id: string; title: string; chart: React.RefObject<BarChartHandle | null>; fileName: string; onError(e: unknown): void }) {
  const print = usePrint();
  const [saved, setSaved] = useState('');
  return (
    <div className="chart-tools">
      <button
        type="button"
        onClick={() => {
          const png = chart.current?.png();
          if (!png) return;
          invoke('charts.savePng', { fileName, png })
            .then((r) => {
              if (r.delivery.kind === 'download') downloadUrl(r.delivery.url, r.fileName);
              setSaved(r.delivery.kind === 'cancelled' ? '' : `「${r.fileName}」を保存しました${r.delivery.kind === 'saved' ? ` (${r.delivery.path})` : ''}`);
            })
            .catch(onError);
        }}
        aria-label={`${title}を画像 (PNG) で保存`}
      >
        画像で保存
      </button>
      <button type="button" onClick={() => print(id)} aria-label={`${title}を印刷`}>
        印刷
      </button>
      <span className="muted small" role="status">
        {saved}
      </span>
    </div>
  );
}

function DistributionChart({ data, round, caption, onShow, onError }: { data: RankDistribution; round: Round; caption: string; onShow: ChartsViewProps['onShow']; onError(e: unknown): void }) {
  const chart = useRef<BarChartHandle>(null);
  const showUnranked = data.rows.some((r) => r.unranked > 0);
  const categories = useMemo(() => data.rows.map((r) => r.organization), [data]);
  const series = useMemo<BarSeries[]>(
    () => [
      ...data.ranks.map((k, i) => ({ label: k.label, color: RANK_COLORS[i % RANK_COLORS.length]!, values: data.rows.map((r) => r.byRank[k.value] ?? 0) })),
      ...(showUnranked ? [{ label: '未評価', color: UNRANKED_COLOR, values: data.rows.map((r) => r.unranked) }] : []),
    ],
    [data, showUnranked],
  );
  /** The grid's rank filter value for a stack: a rank value, or '' for 未評価. */
  const rankOf = (stack: number) => (stack < data.ranks.length ? data.ranks[stack]!.value : '');
  const total = data.rows.reduce((s, r) => s + r.total, 0);
  const title = `局区別のランク分布 (${data.round.label})`;
  return (
    <section className="chart-section" data-print-id="distribution" aria-labelledby="chart-dist-title">
      <header className="chart-head">
        <h2 id="chart-dist-title">{title}</h2>
        <span className="muted">{caption}</span>
        <ChartTools id="distribution" title={title} chart={chart} fileName={`ランク分布_${data.round.label}.png`} onError={onError} />
      </header>
      {data.rows.length === 0 ? (
        <p className="muted">条件に合う課題はありません。</p>
      ) : (
        <div className="chart-pair">
          <BarChart
            ref={chart}
            title={`${title}・${caption}`}
            categories={categories}
            series={series}
            description={`${title}の積み上げ横棒グラフ。${data.rows.length} 局区、${n(total)} 件。数値は右の表にあります。棒をクリックすると一覧をその局区とランクで絞り込みます。`}
            onPick={(org, stack) => onShow({ organizationId: data.rows[org]!.organizationId, rank: rankOf(stack) }, round.id)}
          />
          <div className="chart-table-wrap" tabIndex={0} role="region" aria-label={`${title}の表`}>
            <table className="plain-table chart-table">
              <caption>
                {title}・{caption} (件数。数をクリックすると一覧をその条件で表示)
              </caption>
              <thead>
                <tr>
                  <th scope="col">局区</th>
                  {data.ranks.map((k) => (
                    <th scope="col" key={k.value}>
                      {k.label}
                    </th>
                  ))}
                  {showUnranked && <th scope="col">未評価</th>}
                  <th scope="col">計</th>
                </tr>
              </thead>
              <tbody>
                {data.rows.map((r) => (
                  <tr key={r.organizationId}>
                    <th scope="row">{r.organization}</th>
                    {[...data.ranks.map((k) => r.byRank[k.value] ?? 0), ...(showUnranked ? [r.unranked] : [])].map((count, stack) => (
                      <td key={stack} className="num">
                        {count > 0 ? (
                          <button type="button" className="link" onClick={() => onShow({ organizationId: r.organizationId, rank: rankOf(stack) }, round.id)}>
                            {n(count)}
                          </button>
                        ) : (
                          '0'
                        )}
                      </td>
                    ))}
                    <td className="num">
                      <button type="button" className="link" onClick={() => onShow({ organizationId: r.organizationId, rank: null }, round.id)}>
                        {n(r.total)}
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      )}
    </section>
  );
}

/** Rounds that cannot be compared are an answer, said in place; any other failure is not. */
const roundsNotComparable = (e: unknown) => (e instanceof ApiError ? e.message : null);

type Pair = { from: number; to: number };

function MovementChart({ rounds, pair, onPair, data, problem, level, onShow, onError }: { rounds: Round[]; pair: Pair | null; onPair(p: Pair): void; data: MovementByOrganization | null; problem: string | null; level: Filters['level']; onShow: ChartsViewProps['onShow']; onError(e: unknown): void }) {
  const chart = useRef<BarChartHandle>(null);
  const categories = useMemo(() => data?.rows.map((r) => r.organization) ?? [], [data]);
  const series = useMemo<BarSeries[]>(() => MOVES.map(([k, label]) => ({ label, color: MOVEMENT_COLORS[k], values: data?.rows.map((r) => r.counts[k]) ?? [] })), [data]);
  const title = data ? `局区別のランクの変動 (${data.from.label} → ${data.to.label})` : '局区別のランクの変動';
  if (!pair) return <p className="notice">ランクの変動を見るには評価回が2つ以上必要です。</p>;
  return (
    <section className="chart-section" data-print-id="movement" aria-labelledby="chart-move-title">
      <header className="chart-head">
        <h2 id="chart-move-title">{title}</h2>
        {(['from', 'to'] as const).map((side) => (
          <label key={side}>
            {side === 'from' ? '比較元' : '比較先'}{' '}
            <RoundSelect rounds={rounds} value={pair[side]} onChange={(id) => onPair({ ...pair, [side]: id })} />
          </label>
        ))}
        {level && <span className="muted">レベル{level}</span>}
        {data && <ChartTools id="movement" title={title} chart={chart} fileName={`ランク変動_${data.from.label}_${data.to.label}.png`} onError={onError} />}
      </header>
      {problem && (
        <p className="notice" role="status">
          {problem}
        </p>
      )}
      {data && data.rows.length === 0 && <p className="muted">どちらの評価回にもランクのある課題がありません。</p>}
      {data && data.rows.length > 0 && (
        <div className="chart-pair">
          <BarChart
            ref={chart}
            title={`${title}${level ? `・レベル${level}` : ''}`}
            categories={categories}
            series={series}
            description={`${title}の積み上げ横棒グラフ。局区ごとに上昇・下降・新たに評価・評価なしになった件数。変化なしは表にあります。棒をクリックすると一覧を${data.to.label}のその局区で絞り込みます。`}
            onPick={(org) => onShow({ organizationId: data.rows[org]!.organizationId, rank: null }, data.to.id)}
          />
          <div className="chart-table-wrap" tabIndex={0} role="region" aria-label={`${title}の表`}>
            <table className="plain-table chart-table">
              <caption>{title} (件数。グラフには変化なしを含めていません)</caption>
              <thead>
                <tr>
                  <th scope="col">局区</th>
                  {MOVES.map(([k, label]) => (
                    <th scope="col" key={k}>
                      {label}
                    </th>
                  ))}
                  <th scope="col">変化なし</th>
                </tr>
              </thead>
              <tbody>
                {data.rows.map((r) => (
                  <tr key={r.organizationId}>
                    <th scope="row">
                      <button type="button" className="link" onClick={() => onShow({ organizationId: r.organizationId, rank: null }, data.to.id)}>
                        {r.organization}
                      </button>
                    </th>
                    {MOVES.map(([k]) => (
                      <td key={k} className="num">
                        {n(r.counts[k])}
                      </td>
                    ))}
                    <td className="num">{n(r.counts.same)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      )}
    </section>
  );
}

/** The pair the movement chart starts with: the grid's round against the one before it. */
function firstPair(rounds: Round[], round: Round): Pair | null {
  const later = rounds.findIndex((r) => r.id === round.id);
  return rounds[later + 1] ? { from: rounds[later + 1]!.id, to: round.id } : rounds.length >= 2 ? { from: rounds[1]!.id, to: rounds[0]!.id } : null;
}

/**
 * Both charts of one round. The bars of the grid's filter and the movement of the first pair come
 * in one request (one scan of the database for the full set); when the user picks other rounds,
 * the movement is asked on its own.
 */
function RoundCharts({ rounds, round, filter, level, caption, onShow, onError }: { rounds: Round[]; round: Round; filter: IssueFilter; level: Filters['level']; caption: string; onShow: ChartsViewProps['onShow']; onError(e: unknown): void }) {
  const initial = useMemo(() => firstPair(rounds, round), [rounds, round]);
  const [picked, setPicked] = useState<Pair | null>(null);
  const pickedRef = useRef(picked);
  pickedRef.current = picked;
  const [view, setView] = useState<ChartViewData | null>(null);
  useEffect(() => {
    let live = true;
    const movement = pickedRef.current === null && initial ? { fromRoundId: initial.from, toRoundId: initial.to, ...(level && { levels: [level] }) } : null;
    invoke('charts.view', { filter, movement })
      .then((v) => live && setView(v))
      .catch(onError);
    return () => {
      live = false;
    };
  }, [filter, level, initial, onError]);
  const load = useMemo(() => (picked ? () => invoke('charts.movement', { fromRoundId: picked.from, toRoundId: picked.to, ...(level && { levels: [level] }) }) : null), [picked, level]);
  const asked = useLatestAnswer(load, roundsNotComparable, onError);
  const fromView = view?.movement ?? null;
  const movement = picked ? asked : fromView && 'problem' in fromView ? { data: null, problem: fromView.problem } : { data: fromView, problem: null };
  return (
    <>
      {view ? <DistributionChart data={view.distribution} round={round} caption={caption} onShow={onShow} onError={onError} /> : <p className="muted">集計しています…</p>}
      <MovementChart rounds={rounds} pair={picked ?? initial} onPair={setPicked} data={movement.data} problem={movement.problem} level={level} onShow={onShow} onError={onError} />
    </>
  );
}

export function ChartsView({ rounds, round, organizations, filter, filters, onShow, onError }: ChartsViewProps) {
  if (!round || !filter) return <p className="notice">評価回がまだありません。</p>;
  return (
    <div className="charts">
      <p className="muted chart-intro">
        ランク付け画面で選んでいる評価回と絞り込みの条件で集計しています。棒や表の数をクリックすると、その条件の一覧を開きます。
      </p>
      <RoundCharts key={round.id} rounds={rounds} round={round} filter={filter} level={filters.level} caption={describeFilter(filters, organizations, round)} onShow={onShow} onError={onError} />
    </div>
  );
}
