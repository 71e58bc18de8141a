// Text to CP932 (Windows-31J, the "Shift_JIS" of Excel on Japanese Windows) without silent loss.
// iconv-lite substitutes '?' for a character it cannot encode and says nothing, so a title with
// 𠮷 or a comment with 〜 (typed on a Mac) would come out with a '?' no one asked for. Instead:
//  1. characters that have a conventional CP932 equivalent are mapped to it (〜 → ～, − → －, …);
//  2. whatever CP932 still cannot hold becomes 〓 (the geta mark printers have always used for a
//     missing glyph), one per user-perceived character, and is reported with where it was;
//  3. encoding refuses any character outside the table, and counts the '?' bytes it wrote, so a
//     '?' can never slip in.
// A table of the characters CP932 holds, built once from iconv-lite itself, makes the common
// case (every character held) a single pass of array look-ups, for fitting and for the check
// before encoding alike.
import iconv from 'iconv-lite';

/** The placeholder for a character CP932 cannot hold: 〓 (U+3013, geta mark, CP932 0x81AC). */
export const GETA = '\u3013';

/**
 * Characters that Unicode-to-CP932 conversions commonly get wrong, and what Excel on Japanese
 * Windows shows for them. Most come from the JIS mapping of Shift_JIS (used by Macs and by
 * Java/ICU "Shift_JIS") differing from Microsoft's CP932 mapping for the same byte pair.
 */
const MAPPED: ReadonlyMap<number, string> = new Map([
  // JIS vs Microsoft mapping of the same CP932 byte pair.
  [0x301c, '\uff5e'], // 〜 WAVE DASH → ～ FULLWIDTH TILDE (0x8160)
  [0x2016, '\u2225'], // ‖ DOUBLE VERTICAL LINE → ∥ PARALLEL TO (0x8161)
  [0x2212, '\uff0d'], // − MINUS SIGN → － FULLWIDTH HYPHEN-MINUS (0x817C)
  [0x00a2, '\uffe0'], // ¢ → ￠ (0x8191)
  [0x00a3, '\uffe1'], // £ → ￡ (0x8192)
  [0x00ac, '\uffe2'], // ¬ → ￢ (0x81CA)
  [0x2014, '\u2015'], // — EM DASH → ― HORIZONTAL BAR (0x815C)
  [0x00a6, '\uffe4'], // ¦ BROKEN BAR → ￤ (0xFA55)
  [0x00c5, '\u212b'], // Å (Latin) → Å ANGSTROM SIGN, the only Å CP932 has (0x81F0)
  [0x00b5, '\u03bc'], // µ MICRO SIGN → μ Greek mu (0x83CA)
  // iconv-lite writes ¥ and ‾ as the ASCII bytes 0x5C/0x7E, which read back as \ and ~.
  [0x00a5, '\uffe5'], // ¥ → ￥ (0x818F)
  [0x203e, '\uffe3'], // ‾ OVERLINE → ￣ (0x8150)
  // Punctuation from Mac, web and Word input that has an evident CP932 counterpart.
  [0x00b7, '\u30fb'], // · MIDDLE DOT → ・ (0x8145)
  [0x2022, '\u30fb'], // • BULLET → ・
  [0x2011, '\u2010'], // NON-BREAKING HYPHEN → ‐ (0x815D)
  [0x2013, '\u2010'], // – EN DASH → ‐
  // Spaces: the no-break space (from HTML, Word) and the typographic spaces are plain spaces.
  [0x00a0, ' '],
  ...Array.from({ length: 11 }, (_, i): [number, string] => [0x2000 + i, ' ']), // U+2000–U+200A
  [0x202f, ' '],
  [0x205f, ' '],
  // Invisible characters with nothing to show: dropped.
  [0x00ad, ''], // soft hyphen
  [0x200b, ''], // zero-width space
  [0x2060, ''], // word joiner
  [0xfeff, ''], // byte order mark / zero-width no-break space inside text
  // Variation selectors ask for a glyph variant of the character before them (葛󠄀, 辻󠄀); CP932
  // has only the base character, which is what every Windows PC shows anyway.
  ...Array.from({ length: 16 }, (_, i): [number, string] => [0xfe00 + i, '']),
  ...Array.from({ length: 240 }, (_, i): [number, string] => [0xe0100 + i, '']),
]);

/** CP932's user-defined area (外字, F040–F9FC): Windows maps it to U+E000–U+E757. */
const EUDC_FIRST = 0xe000;
const EUDC_LAST = 0xe757;

/** Table value of a held character; 0 (the table's initial value) means lost. */
const HELD = 1;

let heldTable: Uint8Array | undefined;

/**
 * For every BMP code unit: HELD when iconv-lite's CP932 encoding gives it back unchanged. The
 * candidates are what decoding every CP932 byte sequence yields; each is then encoded and decoded
 * again, so the table agrees with the encoder by construction (surrogates are never HELD).
 */
function held(): Uint8Array {
  if (heldTable) return heldTable;
  const table = new Uint8Array(0x10000);
  const bytes: number[] = [];
  for (let b = 0; b <= 0xff; b++) if (!isLeadByte(b)) bytes.push(b);
  for (let lead = 0; lead <= 0xff; lead++) {
    if (!isLeadByte(lead)) continue;
    // A newline after each pair: iconv-lite re-reads the second byte of an unassigned pair as
    // the start of the next sequence, and a byte below 0x40 ends that before the next pair.
    for (let trail = 0x40; trail <= 0xfc; trail++) if (trail !== 0x7f) bytes.push(lead, trail, 0x0a);
  }
  const candidates = [...new Set(iconv.decode(Buffer.from(bytes), 'cp932'))].filter((c) => c.length === 1 && c !== '\ufffd');
  const joined = candidates.join('');
  const back = iconv.decode(iconv.encode(joined, 'cp932'), 'cp932');
  candidates.forEach((c, i) => {
    // Every candidate is one BMP character that encodes to one or two bytes, so `back` lines up
    // with `joined` index for index; check each alone if it somehow does not.
    const same = back.length === joined.length ? back[i] === c : iconv.decode(iconv.encode(c, 'cp932'), 'cp932') === c;
    if (same) table[c.charCodeAt(0)] = HELD;
  });
  // iconv-lite decodes most of the user-defined area but does not encode it; encodeCp932 does.
  // Held are those whose bytes iconv-lite reads back (F040–F940; it does not know F941–F9FC, so
  // those cannot be checked and are treated as lost).
  for (let cp = EUDC_FIRST; cp <= EUDC_LAST; cp++) {
    const ch = String.fromCharCode(cp);
    if (iconv.decode(Buffer.from(encodeEudc(ch)), 'cp932') === ch) table[cp] = HELD;
  }
  heldTable = table;
  return table;
}

function isLeadByte(b: number): boolean {
  return (b >= 0x81 && b <= 0x9f) || (b >= 0xe0 && b <= 0xfc);
}

/** Whether CP932 holds every character of the text as it is (the fast path: no work needed). */
export function isCp932Text(text: string): boolean {
  const table = held();
  for (let i = 0; i < text.length; i++) if (table[text.charCodeAt(i)] !== HELD) return false;
  return true;
}

/** The text with every character of MAPPED replaced; code points, so surrogate pairs stay whole. */
function mapChars(text: string): string {
  let out = '';
  for (const ch of text) {
    const to = MAPPED.get(ch.codePointAt(0)!);
    out += to ?? ch;
  }
  return out;
}

let segmenter: Intl.Segmenter | undefined;

/** U+20BB7, or U+1F468 U+200D U+1F469 for a cluster of several code points. */
export function codePointsOf(text: string): string {
  return [...text].map((c) => `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`).join(' ');
}

/**
 * The text as CP932 can hold it: mapped equivalents, and 〓 for each user-perceived character
 * (grapheme cluster: 𠮷 is one, so is 👨‍👩‍👧) that cannot be held even after mapping and NFC (which
 * joins a Mac's decomposed か + ゛ into が). `onLost` hears about each 〓.
 */
export function fitCp932(text: string, onLost?: (lost: string) => void): string {
  if (isCp932Text(text)) return text;
  const mapped = mapChars(text);
  if (isCp932Text(mapped)) return mapped;
  segmenter ??= new Intl.Segmenter('ja', { granularity: 'grapheme' });
  let out = '';
  for (const { segment } of segmenter.segment(mapped)) {
    if (isCp932Text(segment)) {
      out += segment;
      continue;
    }
    const composed = mapChars(segment.normalize('NFC'));
    if (isCp932Text(composed)) {
      out += composed;
      continue;
    }
    out += GETA;
    onLost?.(segment);
  }
  return out;
}

/** One character that became 〓: where it was as Excel shows it, and what it was. */
export interface Cp932Loss {
  /** Row number as Excel shows it: 1 is the header. */
  row: number;
  /** Header of the column. */
  column: string;
  text: string;
  /** U+20BB7 */
  codePoints: string;
}

/**
 * Fits every cell of a table (rows[0] is the header) to CP932. Rows that need no change are
 * returned as they are; the losses list each 〓 by Excel row number and column header.
 */
export function fitTableCp932(rows: readonly string[][], columns: readonly string[]): { rows: string[][]; losses: Cp932Loss[] } {
  const losses: Cp932Loss[] = [];
  const out = rows.map((cells, r) => {
    let copy: string[] | undefined;
    cells.forEach((cell, c) => {
      if (isCp932Text(cell)) return;
      const fitted = fitCp932(cell, (text) => losses.push({ row: r + 1, column: columns[c] ?? `${c + 1}列目`, text, codePoints: codePointsOf(text) }));
      copy ??= [...cells];
      copy[c] = fitted;
    });
    return copy ?? cells;
  });
  return { rows: out, losses };
}

/** Lone surrogates cannot be shown in a message; the replacement character stands in. */
const showable = (text: string): string => text.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');

/** The losses in Japanese for the user, at most `max` lines and a count of the rest. */
export function describeLosses(losses: readonly Cp932Loss[], max = 20): string[] {
  const lines = losses
    .slice(0, max)
    .map(
      (l) =>
        `${l.row}行目「${l.column}」の「${showable(l.text)}」(${l.codePoints}) はShift_JIS (CP932) で表せないため「${GETA}」にしました。UTF-8 (BOM付き) で出力すれば保持されます`,
    );
  if (losses.length > max) lines.push(`ほか ${losses.length - max} 件の文字も「${GETA}」にしました`);
  return lines;
}

/** Encodes one run of user-defined-area characters (U+E000–U+E757) as Windows does: F040–F9FC. */
function encodeEudc(run: string): number[] {
  const out: number[] = [];
  for (let i = 0; i < run.length; i++) {
    const k = run.charCodeAt(i) - EUDC_FIRST;
    const t = k % 188;
    out.push(0xf0 + Math.floor(k / 188), t < 63 ? 0x40 + t : 0x80 + (t - 63));
  }
  return out;
}

const EUDC_RUN = /[\ue000-\ue757]+/g;
const QUESTION = 0x3f;

/**
 * CP932 bytes of a text that CP932 holds (run it through fitCp932 first); throws otherwise.
 * Every character is checked against the table of what iconv-lite gives back unchanged, and
 * CP932 is stateless, so the bytes decode to the text. As a second, independent check the '?'
 * bytes are counted: iconv-lite writes '?' for whatever it cannot encode, and 0x3F is never the
 * second byte of a CP932 character, so there must be exactly as many as the text has.
 */
export function encodeCp932(text: string): Uint8Array {
  const table = held();
  let questions = 0;
  let eudc = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (table[c] !== HELD) {
      const ch = String.fromCodePoint(text.codePointAt(i)!);
      throw new Error(`Shift_JIS (CP932) で表せない文字「${showable(ch)}」(${codePointsOf(ch)}) が残っています (内部エラー)。UTF-8 (BOM付き) で出力してください`);
    }
    if (c === QUESTION) questions++;
    else if (c >= EUDC_FIRST && c <= EUDC_LAST) eudc = true;
  }
  let bytes: Buffer;
  if (!eudc) {
    bytes = iconv.encode(text, 'cp932');
  } else {
    const parts: Buffer[] = [];
    let last = 0;
    for (const m of text.matchAll(EUDC_RUN)) {
      parts.push(iconv.encode(text.slice(last, m.index), 'cp932'), Buffer.from(encodeEudc(m[0])));
      last = m.index + m[0].length;
    }
    parts.push(iconv.encode(text.slice(last), 'cp932'));
    bytes = Buffer.concat(parts);
  }
  for (let i = 0; i < bytes.length; i++) if (bytes[i] === QUESTION) questions--;
  if (questions !== 0) throw new Error('Shift_JIS (CP932) への変換で「?」が生じました (内部エラー)。UTF-8 (BOM付き) で出力してください');
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
