import { formatWarekiDateTime, toWareki } from '../../../common/wareki';

export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : formatWarekiDateTime(d);
}

/** R8.12.1 08:34: the grid's narrow 更新日時 column (the full 和暦 date shows on hover). */
export function formatShortDateTime(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const w = toWareki(d);
  const era = w ? `${{ 令和: 'R', 平成: 'H', 昭和: 'S', 大正: 'T', 明治: 'M' }[w.era] ?? w.era}${w.year}` : String(d.getFullYear());
  const hh = String(d.getHours()).padStart(2, '0');
  const mm = String(d.getMinutes()).padStart(2, '0');
  return `${era}.${d.getMonth() + 1}.${d.getDate()} ${hh}:${mm}`;
}
