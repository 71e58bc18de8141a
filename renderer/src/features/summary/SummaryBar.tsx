// Live summary of the current filter, as in the document: 課題レベル / 総数 / ランク3 / ランク2 / ランク1,
// each count with its 増減 against the previous round (as the report prints it), and how many
// ranks are still carried over unconfirmed (繰越).
import { LEVEL_LABELS } from '../../../../common/fields';
import type { Round, SummaryLine } from '../../../../electron/contract/channels';
import type { PreviousSummary } from './usePreviousSummary';

/** +2 / −1 (U+2212) / ±0, as the report's 増減 row writes it. */
const signed = (n: number): string => (n > 0 ? `+${n}` : n < 0 ? `−${-n}` : '±0');

function Delta({ now, before }: { now: number; before: number | null }) {
  if (before === null) return null;
  const d = now - before;
  return <span className={`delta${d > 0 ? ' up' : d < 0 ? ' down' : ''}`}>{signed(d)}</span>;
}

export function SummaryBar({ lines, round, previous }: { lines: SummaryLine[] | null; round: Round | null; previous?: PreviousSummary | null }) {
  if (!lines || !round) return <section className="summary-bar" aria-label="集計" />;
  const showUnranked = lines.some((l) => l.unranked > 0);
  const showCarried = lines.some((l) => l.carried > 0);
  const sum = (f: (l: SummaryLine) => number) => lines.reduce((s, l) => s + f(l), 0);
  const before = previous?.round ? previous.lines : null;
  /** The previous round's figure for a level (or all levels with `level` null). */
  const prev = (level: string | null, f: (l: SummaryLine) => number): number | null =>
    before === null ? null : before.filter((l) => level === null || l.level === level).reduce((s, l) => s + f(l), 0);
  return (
    <section className="summary-bar" aria-label="集計">
      <table>
        <caption className="sr-only">
          表示中の課題の集計 ({round.label}){previous?.round ? `、小さい数字は前回 ${previous.round.label} からの増減` : ''}
        </caption>
        <thead>
          <tr>
            <th scope="col">課題レベル</th>
            <th scope="col">総数</th>
            {round.ranks.map((r) => (
              <th scope="col" key={r.value}>
                {r.label}
              </th>
            ))}
            {showUnranked && <th scope="col">未評価</th>}
            {showCarried && <th scope="col">うち繰越</th>}
          </tr>
        </thead>
        <tbody>
          {lines.map((l) => (
            <tr key={l.level}>
              <th scope="row">{LEVEL_LABELS[l.level] ?? l.level}</th>
              <td>
                {l.total}
                <Delta now={l.total} before={prev(l.level, (x) => x.total)} />
              </td>
              {round.ranks.map((r) => (
                <td key={r.value}>
                  {l.byRank[r.value] ?? 0}
                  <Delta now={l.byRank[r.value] ?? 0} before={prev(l.level, (x) => x.byRank[r.value] ?? 0)} />
                </td>
              ))}
              {showUnranked && <td>{l.unranked}</td>}
              {showCarried && <td>{l.carried}</td>}
            </tr>
          ))}
          {lines.length > 1 && (
            <tr className="total">
              <th scope="row">計</th>
              <td>
                {sum((l) => l.total)}
                <Delta now={sum((l) => l.total)} before={prev(null, (x) => x.total)} />
              </td>
              {round.ranks.map((r) => (
                <td key={r.value}>
                  {sum((l) => l.byRank[r.value] ?? 0)}
                  <Delta now={sum((l) => l.byRank[r.value] ?? 0)} before={prev(null, (x) => x.byRank[r.value] ?? 0)} />
                </td>
              ))}
              {showUnranked && <td>{sum((l) => l.unranked)}</td>}
              {showCarried && <td>{sum((l) => l.carried)}</td>}
            </tr>
          )}
        </tbody>
      </table>
    </section>
  );
}
