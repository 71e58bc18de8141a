// 和暦 (Japanese era) dates. Pure: used by the UI and by exports. The first year of an era is
// written 元年, never 1年.
const ERAS = [
  { name: '令和', start: new Date(2019, 4, 1) },
  { name: '平成', start: new Date(1989, 0, 8) },
  { name: '昭和', start: new Date(1926, 11, 25) },
  { name: '大正', start: new Date(1912, 6, 30) },
  { name: '明治', start: new Date(1868, 0, 25) },
] as const;

export interface Wareki {
  era: string;
  year: number;
  /** 元 for the first year, else the number. */
  yearText: string;
}

export function toWareki(date: Date): Wareki | null {
  const era = ERAS.find((e) => date >= e.start);
  if (!era) return null;
  const year = date.getFullYear() - era.start.getFullYear() + 1;
  return { era: era.name, year, yearText: year === 1 ? '元' : String(year) };
}

/** 令和6年12月20日 */
export function formatWarekiDate(date: Date): string {
  const w = toWareki(date);
  if (!w) return `${date.getFullYear()}年${date.getMonth() + 1}月${date.getDate()}日`;
  return `${w.era}${w.yearText}年${date.getMonth() + 1}月${date.getDate()}日`;
}

/** 令和6年12月20日 14:05 (local time) */
export function formatWarekiDateTime(date: Date): string {
  const hh = String(date.getHours()).padStart(2, '0');
  const mm = String(date.getMinutes()).padStart(2, '0');
  return `${formatWarekiDate(date)} ${hh}:${mm}`;
}

/** Parses 'YYYY-MM-DD' or 'YYYY-MM' as a local date (the first of the month for the latter). */
export function parseIsoDate(text: string): Date | null {
  const m = /^(\d{4})-(\d{2})(?:-(\d{2}))?$/.exec(text);
  if (!m) return null;
  return new Date(Number(m[1]), Number(m[2]) - 1, m[3] ? Number(m[3]) : 1);
}

/** '2024-11' → 令和6年11月, '2024-12-20' → 令和6年12月20日 */
export function formatWarekiPeriod(text: string): string {
  const d = parseIsoDate(text);
  if (!d) return text;
  if (/^\d{4}-\d{2}$/.test(text)) {
    const w = toWareki(d);
    return w ? `${w.era}${w.yearText}年${d.getMonth() + 1}月` : `${d.getFullYear()}年${d.getMonth() + 1}月`;
  }
  return formatWarekiDate(d);
}
