// Live summary of the current filter, as in the document: 課題レベル / 総数 / ランク3 / ランク2 / ランク1.
import { LEVEL_LABELS } from '../../../../common/fields';
import type { Round, SummaryLine } from '../../../../electron/contract/channels';

export function SummaryBar({ lines, round }: { lines: SummaryLine[] | null; round: Round | null }) {
  if (!lines || !round) return <section className="summary" aria-label="集計" />;
  const showUnranked = lines.some((l) => l.unranked > 0);
  const sum = (f: (l: SummaryLine) => number) => lines.reduce((s, l) => s + f(l), 0);
  return (
    <section className="summary" aria-label="集計">
      <table>
        <caption className="sr-only">表示中の課題の集計 ({round.label})</caption>
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
          </tr>
        </thead>
        <tbody>
          {lines.map((l) => (
            <tr key={l.level}>
              <th scope="row">{LEVEL_LABELS[l.level] ?? l.level}</th>
              <td>{l.total}</td>
              {round.ranks.map((r) => (
                <td key={r.value}>{l.byRank[r.value] ?? 0}</td>
              ))}
              {showUnranked && <td>{l.unranked}</td>}
            </tr>
          ))}
          {lines.length > 1 && (
            <tr className="total">
              <th scope="row">計</th>
              <td>{sum((l) => l.total)}</td>
              {round.ranks.map((r) => (
                <td key={r.value}>{sum((l) => l.byRank[r.value] ?? 0)}</td>
              ))}
              {showUnranked && <td>{sum((l) => l.unranked)}</td>}
            </tr>
          )}
        </tbody>
      </table>
    </section>
  );
}
