import type { Round } from '../../db/queries/rounds.js';
import type { SummaryLine } from '../../db/queries/summary.js';

const LEVEL_NAMES: Record<string, string> = { A: 'A 現行業務の改善', B: 'B', C: 'C' };

/** The document's table: 課題レベル / 総数 / ランク3 / ランク2 / ランク1 (tab-separated). */
export function formatSummary(round: Round, lines: SummaryLine[]): string {
  const hasUnranked = lines.some((l) => l.unranked > 0);
  const header = ['課題レベル', '総数', ...round.ranks.map((r) => r.label), ...(hasUnranked ? ['未評価'] : [])];
  const body = lines.map((l) => [
    LEVEL_NAMES[l.level] ?? l.level,
    String(l.total),
    ...round.ranks.map((r) => String(l.byRank[r.value] ?? 0)),
    ...(hasUnranked ? [String(l.unranked)] : []),
  ]);
  return [`評価回 ${round.label} (${round.title})`, header.join('\t'), ...body.map((b) => b.join('\t'))].join('\n');
}
