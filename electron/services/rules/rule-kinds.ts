// The kinds of 記載チェック rule, their parameters (validated with zod) and how each is checked.
// Rules themselves are data (db writing_rules) that the secretariat edits.
import { z } from 'zod';
import type { VersionFieldKey } from '../../../common/fields.js';

export interface VersionTexts {
  title: string | null;
  content: string | null;
  background: string | null;
  actions: string | null;
  progress: string | null;
}

export interface RuleContext {
  /** sort order of the rank in the round checked (higher is further), null if unranked */
  rankOrder: number | null;
}

const FIELD = z.enum(['title', 'content', 'background', 'actions', 'progress']);
const text = (v: VersionTexts, f: VersionFieldKey): string => (v[f] ?? '').trim();
const compact = (s: string): string => s.normalize('NFKC').replace(/[\s・]/gu, '');
const length = (s: string): number => [...compact(s)].length;

/** Numbers, percentages, counts or the word 目標: what makes progress measurable. */
const NUMBER_TARGET = /[0-9]|[一二三四五六七八九十百千万]+\s*(件|人|回|か所|箇所|施設|%|割|倍|円)|目標/u;
/** 令和7年度, R7, 2025年, 3月, 年度末, 今年度 …: when it is to be done. */
const TIME_LIMIT = /(令和|平成|R)\s*([0-9]+|元)\s*(年|\.)|[0-9]{4}\s*年|[0-9]+\s*(年度|月|か月|ヶ月|カ月)|(今|来|次|本)年度|年度(末|内|中)|上半期|下半期|四半期/u;
/** Verbs that show concrete output rather than deliberation. */
const OUTPUT = /実施|着手|完了|作成|導入|開始|公表|策定|設置|運用|改訂|改定|締結|発行|配布|開催|実現|削減|整備|提出|決定|確認した|試行|稼働/u;

function bigrams(s: string): Map<string, number> {
  const chars = [...compact(s)];
  const m = new Map<string, number>();
  for (let i = 0; i + 1 < chars.length; i++) {
    const g = chars[i]! + chars[i + 1]!;
    m.set(g, (m.get(g) ?? 0) + 1);
  }
  return m;
}

/** Dice coefficient of character bigrams, 0 (nothing shared) to 1 (same). */
export function similarity(a: string, b: string): number {
  const x = bigrams(a);
  const y = bigrams(b);
  let shared = 0;
  let total = 0;
  for (const [g, n] of x) {
    shared += Math.min(n, y.get(g) ?? 0);
    total += n;
  }
  for (const n of y.values()) total += n;
  return total === 0 ? 0 : (2 * shared) / total;
}

const sentences = (s: string): string[] => s.split(/[。\n]|(?:^|\s)・/u).map((x) => x.trim()).filter(Boolean);

interface KindSpec<P extends z.ZodType> {
  label: string;
  /** Which `field` values the kind accepts. */
  field: z.ZodType<string>;
  params: P;
  /** Returns a detail string when the rule is violated, null when satisfied or not applicable. */
  check(v: VersionTexts, field: string, params: z.output<P>, ctx: RuleContext): string | null;
}

const kind = <P extends z.ZodType>(spec: KindSpec<P>): KindSpec<P> => spec;

export const RULE_KINDS = {
  required: kind({
    label: '記載必須',
    field: FIELD,
    params: z.strictObject({}),
    check: (v, f) => (text(v, f as VersionFieldKey) ? null : '記載がありません'),
  }),
  minLength: kind({
    label: '最低文字数',
    field: FIELD,
    params: z.strictObject({ min: z.number().int().min(1).max(10_000) }),
    check: (v, f, p) => {
      const t = text(v, f as VersionFieldKey);
      if (!t) return null; // missing text is the 'required' rule's finding
      const n = length(t);
      return n < p.min ? `${n}文字 (${p.min}文字以上が必要)` : null;
    },
  }),
  numberTarget: kind({
    label: '数値目標',
    field: FIELD,
    params: z.strictObject({}),
    check: (v, f) => {
      const t = text(v, f as VersionFieldKey).normalize('NFKC');
      // A date (令和7年度, 10月) is a time limit, not a measurable target.
      const withoutDates = t.replace(new RegExp(TIME_LIMIT.source, 'gu'), '');
      return t && !NUMBER_TARGET.test(withoutDates) ? '数値・目標の記載が見つかりません' : null;
    },
  }),
  timeLimit: kind({
    label: '期限',
    field: FIELD,
    params: z.strictObject({}),
    check: (v, f) => {
      const t = text(v, f as VersionFieldKey).normalize('NFKC');
      return t && !TIME_LIMIT.test(t) ? '年度・年月などの期限が見つかりません' : null;
    },
  }),
  similarity: kind({
    label: '記載の類似',
    field: z.enum(['content+background', 'content+actions', 'background+actions']),
    params: z.strictObject({ threshold: z.number().min(0.1).max(1) }),
    check: (v, f, p) => {
      const [a, b] = f.split('+') as [VersionFieldKey, VersionFieldKey];
      const x = text(v, a);
      const y = text(v, b);
      if (!x || !y) return null;
      const s = similarity(x, y);
      return s >= p.threshold ? `類似度 ${Math.round(s * 100)}% (基準 ${Math.round(p.threshold * 100)}%)` : null;
    },
  }),
  onlyDeliberation: kind({
    label: '検討・協議のみ',
    field: FIELD,
    params: z.strictObject({ words: z.array(z.string().min(1).max(20)).min(1).max(20), minRankOrder: z.number().int().min(1).max(100) }),
    check: (v, f, p, ctx) => {
      if (ctx.rankOrder === null || ctx.rankOrder < p.minRankOrder) return null;
      const parts = sentences(text(v, f as VersionFieldKey));
      if (parts.length === 0) return null;
      const onlyTalk = parts.every((s) => p.words.some((w) => s.includes(w)) && !OUTPUT.test(s));
      return onlyTalk ? `「${p.words.join('」「')}」のみの記載` : null;
    },
  }),
} as const;

export type RuleKind = keyof typeof RULE_KINDS;
export const RULE_KIND_NAMES = Object.keys(RULE_KINDS) as RuleKind[];
