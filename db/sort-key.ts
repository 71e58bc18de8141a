// Binary-comparable sort keys that follow Japanese collation (Intl.Collator('ja')) closely.
//
// Why: SQLite compares text bytewise and better-sqlite3 cannot register a collation, yet a grid
// of 100,000 issues must sort by title in SQL (with an index), not in JavaScript. ICU's Japanese
// collation orders punctuation, digits, Latin, kana (hiragana = katakana at primary strength),
// then kanji in JIS X 0208 order; EUC-JP byte order is JIS X 0208 order, so each character becomes
// a fixed-width token: one group digit followed by its EUC-JP code in hex.
import type Iconv from 'iconv-lite';
import { createRequire } from 'node:module';

// Loaded on the first sort key, not with the module: reading a summary (which shares this
// module's importers) must not pay for iconv-lite's tables.
let iconvLib: typeof Iconv | undefined;
const iconv = (): typeof Iconv => (iconvLib ??= createRequire(import.meta.url)('iconv-lite') as typeof Iconv);

const cache = new Map<string, string>();

function eucHex(ch: string): string | null {
  const bytes = iconv().encode(ch, 'euc-jp');
  // iconv-lite substitutes '?' for characters EUC-JP cannot hold.
  if (bytes.length === 1 && bytes[0] === 0x3f && ch !== '?') return null;
  return bytes.toString('hex').padStart(6, '0');
}

function charToken(ch: string): string {
  let token = cache.get(ch);
  if (token !== undefined) return token;
  const base = ch.normalize('NFD').replace(/[\u3099\u309a\u0300-\u036f]/g, '') || ch;
  const euc = eucHex(base);
  let group: string;
  if (/[\p{P}\p{S}]/u.test(base)) group = '1';
  else if (/\p{Nd}/u.test(base)) group = '2';
  else if (/[a-z]/.test(base)) group = '3';
  else group = euc ? '4' : '5';
  const code = euc ?? base.codePointAt(0)!.toString(16).padStart(6, '0');
  token = group + code;
  cache.set(ch, token);
  return token;
}

/** Folds what Japanese collation treats as equal at primary strength. */
function primaryFold(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\u30a1-\u30f6]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0x60))
    .replace(/\s+/g, '');
}

/**
 * Sort key for `text`: primary tokens, then the NFKC text itself as a tie-breaker, so that keys
 * of different strings differ and equal strings sort together.
 */
export function jaSortKey(text: string): string {
  let key = '';
  for (const ch of primaryFold(text)) key += charToken(ch);
  return `${key}~${text.normalize('NFKC')}`;
}
