// Word/phrase-level difference of two Japanese texts. Characters would give confetti
// (「公共施設の持続的な運営」→ a mark every other character); so the texts are cut into words
// (runs of one script, see tokenize), bullets (・) and line breaks are their own tokens, each distinct token is
// mapped to one private character, diff-match-patch diffs those, and a semantic cleanup merges
// small islands so that a rewritten sentence reads as one change. Tokens are whole grapheme
// clusters, so no mark ever splits a surrogate pair or a combining sequence.
import DiffMatchPatch from 'diff-match-patch';

export type DiffOp = 'equal' | 'insert' | 'delete';

export interface DiffPart {
  op: DiffOp;
  text: string;
}

export interface TextDiff {
  parts: DiffPart[];
  insertedChars: number;
  deletedChars: number;
  /** Changed characters (deleted + inserted) over all characters (old + new): 0 = same, 1 = all new. */
  changedShare: number;
}

// What extends a grapheme: combining marks, variation selectors, emoji modifiers, ZWJ sequences.
const EXT = String.raw`(?:[\p{M}\u{FE00}-\u{FE0F}\u{E0100}-\u{E01EF}\p{Emoji_Modifier}]|\u200D\p{Extended_Pictographic})*`;
/**
 * Word-like tokens by character class, as Japanese word splitters do: kanji in pairs, runs of
 * hiragana, of katakana, of Latin letters and digits; every other grapheme (punctuation, ・, spaces, line
 * breaks) alone. About 70 times faster than Intl.Segmenter and never splits a grapheme.
 */
const TOKEN = new RegExp(
  [
    // Kanji compounds are mostly two-character words (公共|施設, 実行|計画): pair them up.
    String.raw`(?:[\p{Script=Han}々〆ヶ]${EXT}){1,2}`,
    String.raw`(?:[\p{Script=Hiragana}ー]${EXT})+`,
    String.raw`(?:[\p{Script=Katakana}ー]${EXT})+`,
    String.raw`(?:[\p{L}\p{N}]${EXT})+`,
    String.raw`\r\n`,
    String.raw`[\u{1F1E6}-\u{1F1FF}]{2}`,
    String.raw`[^]${EXT}`,
  ].join('|'),
  'gu',
);

/** Words, with line breaks, bullets, punctuation and spaces as tokens of their own. */
export function tokenize(text: string): string[] {
  return text.match(TOKEN) ?? [];
}

const dmp = new DiffMatchPatch();
dmp.Diff_Timeout = 1;

/**
 * Maps each distinct token to one UTF-16 code unit (diff-match-patch works on code units; up to
 * 65,535 distinct tokens per pair of texts, far beyond two fields of an issue).
 */
function encode(a: string[], b: string[]): { ea: string; eb: string; decode: string[] } {
  const index = new Map<string, number>();
  const decode: string[] = [];
  const enc = (tokens: string[]) => {
    let s = '';
    for (const t of tokens) {
      let i = index.get(t);
      if (i === undefined) {
        i = decode.length;
        index.set(t, i);
        decode.push(t);
      }
      if (i > 0xfffe) throw new Error('比較する文章が長すぎます (語の種類が65,535を超えています)');
      s += String.fromCharCode(i + 1);
    }
    return s;
  };
  return { ea: enc(a), eb: enc(b), decode };
}

const OPS: Record<number, DiffOp> = { [-1]: 'delete', 0: 'equal', 1: 'insert' };

const charLength = (s: string): number => {
  let n = 0;
  for (const _ of s) n++;
  return n;
};

const PHRASE_EDGE = /^[、。，．・\s「『（(]/u;

/**
 * An insertion or deletion between two unchanged stretches can often sit in several places
 * (施設老朽[+化、市民ニーズの多様]化 = 施設老朽化[+、市民ニーズの多様化]); slide it, token by token,
 * to where it starts at a phrase edge, as a reader would mark it.
 */
function alignEdits(parts: DiffPart[]): DiffPart[] {
  const out = parts.map((p) => ({ ...p }));
  for (let i = 1; i + 1 < out.length; i++) {
    const [a, x, b] = [out[i - 1]!, out[i]!, out[i + 1]!];
    if (a.op !== 'equal' || b.op !== 'equal' || x.op === 'equal') continue;
    let best = { a: a.text, x: x.text, b: b.text, score: PHRASE_EDGE.test(x.text) || /[、。・\s]$/u.test(a.text) ? 1 : 0 };
    let cur = { a: a.text, x: x.text, b: b.text };
    for (let guard = 0; guard < 50; guard++) {
      const first = tokenize(cur.x)[0];
      if (!first || !cur.b.startsWith(first)) break;
      cur = { a: cur.a + first, x: cur.x.slice(first.length) + first, b: cur.b.slice(first.length) };
      const score = PHRASE_EDGE.test(cur.x) || /[、。・\s]$/u.test(cur.a) ? 1 : 0;
      if (score > best.score) best = { ...cur, score };
    }
    a.text = best.a;
    x.text = best.x;
    b.text = best.b;
  }
  return out.filter((p) => p.text !== '');
}

interface Change {
  del: string;
  ins: string;
}
type Block = { equal: string } | Change;
const SENTENCE_BREAK = /[。！？\n]|(^|\s)・/u;
const isEqual = (b: Block): b is { equal: string } => 'equal' in b;
const weight = (c: Change): number => Math.max(charLength(c.del), charLength(c.ins));

/**
 * Semantic cleanup on whole tokens, weighed in characters (diff-match-patch's own cleanup counts
 * tokens and shifts edges by characters): an unchanged stretch between two changes that is no
 * longer than either of them becomes part of one change, so a rewritten sentence reads as one
 * deletion and one insertion instead of alternating fragments.
 */
function semanticCleanup(raw: DiffPart[]): DiffPart[] {
  const blocks: Block[] = [];
  for (const p of raw) {
    const last = blocks.at(-1);
    if (p.op === 'equal') {
      if (last && isEqual(last)) last.equal += p.text;
      else blocks.push({ equal: p.text });
    } else {
      const change = last && !isEqual(last) ? last : (blocks.push({ del: '', ins: '' }), blocks.at(-1) as Change);
      if (p.op === 'delete') change.del += p.text;
      else change.ins += p.text;
    }
  }
  let merged = true;
  while (merged) {
    merged = false;
    for (let i = 1; i + 1 < blocks.length; i++) {
      const [prev, mid, next] = [blocks[i - 1]!, blocks[i]!, blocks[i + 1]!];
      if (!isEqual(mid) || isEqual(prev) || isEqual(next)) continue;
      const len = charLength(mid.equal);
      // Never across a sentence end, a line break or a bullet: unchanged sentences stay visible.
      if (SENTENCE_BREAK.test(mid.equal)) continue;
      if (len <= weight(prev) && len <= weight(next)) {
        blocks.splice(i - 1, 3, { del: prev.del + mid.equal + next.del, ins: prev.ins + mid.equal + next.ins });
        merged = true;
        i -= 1;
      }
    }
  }
  const out: DiffPart[] = [];
  for (const b of blocks) {
    if (isEqual(b)) out.push({ op: 'equal', text: b.equal });
    else {
      if (b.del) out.push({ op: 'delete', text: b.del });
      if (b.ins) out.push({ op: 'insert', text: b.ins });
    }
  }
  return out;
}

export function diffText(before: string | null | undefined, after: string | null | undefined): TextDiff {
  const a = before ?? '';
  const b = after ?? '';
  const { ea, eb, decode } = encode(tokenize(a), tokenize(b));
  const diffs = dmp.diff_main(ea, eb, false);
  const raw: DiffPart[] = [];
  for (const [op, encoded] of diffs) {
    let text = '';
    for (let i = 0; i < encoded.length; i++) text += decode[encoded.charCodeAt(i) - 1]!;
    if (text) raw.push({ op: OPS[op]!, text });
  }
  const parts = semanticCleanup(alignEdits(raw));
  let insertedChars = 0;
  let deletedChars = 0;
  for (const p of parts) {
    if (p.op === 'insert') insertedChars += charLength(p.text);
    if (p.op === 'delete') deletedChars += charLength(p.text);
  }
  const total = charLength(a) + charLength(b);
  return { parts, insertedChars, deletedChars, changedShare: total === 0 ? 0 : (insertedChars + deletedChars) / total };
}

/** The old text from a diff (equal + delete) and the new one (equal + insert). */
export const oldSide = (parts: DiffPart[]): string => parts.filter((p) => p.op !== 'insert').map((p) => p.text).join('');
export const newSide = (parts: DiffPart[]): string => parts.filter((p) => p.op !== 'delete').map((p) => p.text).join('');
