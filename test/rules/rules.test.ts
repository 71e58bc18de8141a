import { describe, expect, it } from 'vitest';
import { listRules, type WritingRule } from '../../db/queries/rules';
import { replaceRules } from '../../db/write/rules';
import { resolveIssueKey } from '../../db/queries/issues';
import { setRank } from '../../db/write/evaluations';
import { lintVersions, runRules } from '../../electron/services/rules/run-rules';
import { similarity, type VersionTexts } from '../../electron/services/rules/rule-kinds';
import { validateRules } from '../../electron/services/rules/validate-rules';
import { sampleDb } from '../helpers/temp';

const rule = (kind: string, field: string, params: Record<string, unknown> = {}): WritingRule => ({
  id: 1, kind, field, params, message: `${kind}のテスト`, enabled: true, sortOrder: 1,
});
const v = (p: Partial<VersionTexts>): VersionTexts => ({ title: 'テスト課題', content: null, background: null, actions: null, progress: null, ...p });
const kinds = (rules: WritingRule[], version: VersionTexts, rankOrder: number | null = null) =>
  runRules(rules, version, { rankOrder }).map((f) => `${f.kind}:${f.field}`);

describe('記載チェック rule kinds', () => {
  it('required: an empty or blank field is a finding, named in Japanese', () => {
    const f = runRules([rule('required', 'content')], v({ content: '  ' }), { rankOrder: null });
    expect(f).toEqual([expect.objectContaining({ fieldLabel: '②課題の内容', ruleLabel: '記載必須', message: 'requiredのテスト' })]);
    expect(kinds([rule('required', 'content')], v({ content: '窓口の待ち時間を短縮する' }))).toEqual([]);
  });

  it('minLength counts characters, not spaces or bullets', () => {
    const r = [rule('minLength', 'background', { min: 10 })];
    expect(kinds(r, v({ background: '・ 待ち時間が長い' }))).toEqual(['minLength:background']);
    expect(kinds(r, v({ background: '・ 窓口の待ち時間が平均40分と長い' }))).toEqual([]);
    expect(kinds(r, v({ background: null }))).toEqual([]); // that is what 'required' is for
  });

  it('numberTarget: needs a number, a percentage, a count or 目標', () => {
    const r = [rule('numberTarget', 'actions')];
    expect(kinds(r, v({ actions: '窓口の改善に取り組む' }))).toEqual(['numberTarget:actions']);
    for (const ok of ['待ち時間を２０分以内にする', '利用率を3割にする', '数値目標を変更する', '申請を五件削減']) expect(kinds(r, v({ actions: ok }))).toEqual([]);
  });

  it('timeLimit: needs 年度, 月 or 令和…年', () => {
    const r = [rule('timeLimit', 'actions')];
    expect(kinds(r, v({ actions: 'できるだけ早く改善する' }))).toEqual(['timeLimit:actions']);
    for (const ok of ['令和7年度に改訂する', '令和元年から続ける', '年度末までに完了', '１０月に着手', '2025年に開始']) expect(kinds(r, v({ actions: ok }))).toEqual([]);
  });

  it('similarity: ② and ③ too alike', () => {
    const r = [rule('similarity', 'content+background', { threshold: 0.6 })];
    const text = '公共施設の総量を抑制し、施設の老朽化に対応する必要がある';
    expect(kinds(r, v({ content: text, background: `${text}。` }))).toEqual(['similarity:content+background']);
    expect(kinds(r, v({ content: text, background: '建築費の高騰により将来の経費が増加している' }))).toEqual([]);
    expect(similarity('あいうえお', 'あいうえお')).toBe(1);
    expect(similarity('あいう', 'かきく')).toBe(0);
  });

  it('onlyDeliberation: ⑤ only 検討/協議/調整 while ranked 2 or more', () => {
    const r = [rule('onlyDeliberation', 'progress', { words: ['検討', '協議', '調整'], minRankOrder: 2 })];
    const talk = '・ 関係課と協議した。 ・ 方向性を検討している。';
    expect(kinds(r, v({ progress: talk }), 2)).toEqual(['onlyDeliberation:progress']);
    expect(kinds(r, v({ progress: talk }), 1)).toEqual([]); // rank 1 says exactly that
    expect(kinds(r, v({ progress: talk }), null)).toEqual([]);
    expect(kinds(r, v({ progress: '・ 関係課と協議し、新様式を作成した。' }), 3)).toEqual([]);
  });

  it('disabled rules and rules of unknown kinds do nothing', () => {
    expect(kinds([{ ...rule('required', 'content'), enabled: false }, rule('nonsense', 'content')], v({}))).toEqual([]);
  });
});

describe('the default rule set on the sample', async () => {
  const db = await sampleDb();
  const bId = resolveIssueKey(db.sqlite, '財変-B-4')!;

  it('ships ten rules covering every kind', () => {
    expect(new Set(listRules(db.sqlite).map((r) => r.kind))).toEqual(new Set(['required', 'minLength', 'numberTarget', 'timeLimit', 'similarity', 'onlyDeliberation']));
  });

  it('finds nothing missing in the B example, whose ④ has 令和7年度 and 数値目標 in R6.8', () => {
    const [r68] = lintVersions(db.sqlite, { label: 'R6.8' });
    expect(r68!.issueId).toBe(bId);
    expect(r68!.findings.map((f) => f.kind)).not.toContain('required');
    expect(r68!.findings.map((f) => f.kind)).not.toContain('timeLimit');
    expect(r68!.findings.map((f) => f.kind)).not.toContain('numberTarget');
  });

  it('flags R6.11 ④, which dropped the 数値目標 sentence', () => {
    const [r611] = lintVersions(db.sqlite, { label: 'R6.11' });
    expect(r611!.findings.map((f) => `${f.kind}:${f.field}`)).toContain('numberTarget:actions');
  });

  it('applies the rank condition from the round: ⑤ of R6.11 reports concrete output', () => {
    setRank(db.sqlite, { issueId: bId, roundId: 1, rank: '2', actor: 't' });
    const [r611] = lintVersions(db.sqlite, { label: 'R6.11' });
    expect(r611!.findings.map((f) => f.kind)).not.toContain('onlyDeliberation');
  });

  it('validates a rule set before replacing it, and audits the replacement', () => {
    expect(() => validateRules([{ kind: 'minLength', field: 'content', params: { min: 'ten' }, message: 'x', enabled: true }])).toThrow(/ルール 1 行目/);
    const saved = replaceRules(db.sqlite, validateRules([{ kind: 'required', field: 'progress', params: {}, message: '⑤を記載してください', enabled: true }]), '事務局');
    expect(saved).toHaveLength(1);
    expect(db.sqlite.prepare("SELECT count(*) FROM audit_log WHERE action = 'rules.replace'").pluck().get()).toBe(1);
    const [r68] = lintVersions(db.sqlite, { label: 'R6.8' });
    expect(r68!.findings.map((f) => f.message)).toEqual(['⑤を記載してください']);
  });
});
