// Every channel of the contract, with valid input and with invalid and hostile payloads: a clear
// Japanese error each time, no crash, and nothing written.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CHANNELS, type Channel, type Reply } from '../../electron/contract/channels';
import { dispatch } from '../../electron/contract/dispatch';
import { exportJobs } from '../../electron/contract/handlers';
import type { Host } from '../../electron/contract/host';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { sampleDb, tempDir } from '../helpers/temp';

const db = await sampleDb();
// Exports are delivered into a folder here (the app shows a Save dialog, the preview a download).
const outDir = tempDir();
const host: Host = {
  deliver: (file) => {
    const path = join(outDir, file.fileName);
    writeFileSync(path, file.bytes);
    return Promise.resolve({ kind: 'saved', path });
  },
};
const ctx = { db, host };
const call = <C extends Channel>(channel: C, input: unknown) => dispatch(ctx, channel, input) as Reply<C>;
const ok = <C extends Channel>(channel: C, input: unknown) => {
  const reply = call(channel, input);
  if (!reply.ok) throw new Error(`${channel}: ${reply.error.message}`);
  return reply.data;
};
const roundId = ok('rounds.list', {})[0]!.id;
const issueId = ok('issues.resolveKey', { key: '会計-A-1' }).issueId;
const bIssueId = ok('issues.resolveKey', { key: '財変-B-4' }).issueId;
const bCompare = ok('compare.get', { issueId: bIssueId });
const gridExport = { kind: 'grid', format: 'csv', roundId, levels: ['A'], ranks: ['3'] };
const firstJob = ok('export.start', gridExport).jobId;
const storedRules = ok('rules.list', {}).rules.map(({ kind, field, params, message, enabled }) => ({ kind, field, params, message, enabled }));

/** A fingerprint of everything the user can change. */
const fingerprint = () =>
  JSON.stringify([
    db.sqlite.prepare('SELECT * FROM evaluations ORDER BY id').all(),
    db.sqlite.prepare('SELECT count(*) FROM audit_log').pluck().get(),
    db.sqlite.prepare('SELECT * FROM settings ORDER BY key').all(),
    db.sqlite.prepare('SELECT * FROM writing_rules ORDER BY id').all(),
    db.sqlite.prepare('SELECT * FROM comparison_notes ORDER BY id').all(),
  ]);

const VALID: { [C in Channel]: unknown } = {
  'app.info': {},
  'organizations.list': {},
  'rounds.list': {},
  'issues.list': { roundId, offset: 0, limit: 50, levels: ['A'], sort: [{ column: 'title', desc: true }] },
  'issues.get': { issueId, roundId },
  'issues.resolveKey': { key: '財変-B-4' },
  'evaluations.setRank': { issueId, roundId, rank: '3' },
  'evaluations.setComment': { issueId, roundId, comment: '確認済み' },
  'evaluations.undo': { auditId: 1 },
  'summary.get': { roundId },
  'settings.get': {},
  'settings.set': { displayName: '事務局 山田' },
  'audit.forIssue': { issueId },
  'compare.get': { issueId: bIssueId, from: 'R6.8', to: 'R6.11' },
  'compare.setNote': { issueId: bIssueId, fromVersionId: bCompare.from.id, toVersionId: bCompare.to.id, note: '測定可能な記載になった' },
  'versionup.labels': {},
  'versionup.status': { from: 'R6.8', to: 'R6.11' },
  'rules.list': {},
  'rules.save': { rules: storedRules },
  'lint.run': { label: 'R6.11' },
  'export.defaults': {},
  'export.preview': { kind: 'report', format: 'docx', roundId },
  'export.start': gridExport,
  'export.status': { jobId: firstJob },
};

describe('the contract', () => {
  it('covers every channel in this test', () => {
    expect(Object.keys(VALID).sort()).toEqual([...CHANNELS].sort());
  });

  it('answers every channel with valid input', () => {
    for (const channel of CHANNELS) {
      if (channel === 'evaluations.undo') continue; // needs an audit id; below
      const reply = call(channel, VALID[channel]);
      expect(reply, channel).toMatchObject({ ok: true });
    }
    expect(ok('app.info', {})).toMatchObject({ productName: 'X方針ワークベンチ', actor: '事務局 山田' });
    expect(ok('issues.get', { issueId, roundId })).toMatchObject({ key: '会計-A-1', rank: '3', comment: '確認済み' });
    // The display name from settings is who the next change is recorded as.
    expect(ok('evaluations.setComment', { issueId, roundId, comment: '確認済み。' }).row.updatedBy).toBe('事務局 山田');
  });

  it('undoes through the contract', () => {
    const change = ok('evaluations.setRank', { issueId, roundId, rank: '1' });
    const undone = ok('evaluations.undo', { auditId: change.auditId });
    expect(undone.row.rank).toBe('3');
  });

  it('exports as a job: progress, then the delivered file, and remembers the choice', async () => {
    const { jobId } = ok('export.start', { kind: 'grid', format: 'csv', roundId, levels: ['A'], ranks: ['1'], encoding: 'cp932' });
    expect(ok('export.status', { jobId }).state).toMatch(/running|done/);
    await exportJobs.idle();
    const status = ok('export.status', { jobId });
    expect(status).toMatchObject({ state: 'done', result: { fileName: 'ランク付け一覧_R6.11.csv', warnings: [] } });
    const delivery = status.result!.delivery;
    if (delivery.kind !== 'saved') throw new Error(delivery.kind);
    expect(existsSync(delivery.path)).toBe(true);
    const csv = iconv.decode(readFileSync(delivery.path), 'cp932').trim().split(/\r\n/);
    expect(csv).toHaveLength(2); // the header and the one issue ranked 1
    expect(ok('export.defaults', {}).last).toMatchObject({ kind: 'grid', byKind: { grid: { ranks: ['1'] } } });
    const preview = ok('export.preview', { kind: 'report', format: 'pdf', roundId });
    expect(preview).toMatchObject({ paper: 'A4', orientation: 'portrait', widthMm: 210, truncated: false });
    expect(preview.html).toContain('Aレベルの課題の分析結果一覧');
  });

  it('reports a failed export job in Japanese', async () => {
    const { jobId } = ok('export.start', { kind: 'compare', format: 'docx', issueIds: [issueId] });
    await exportJobs.idle();
    expect(ok('export.status', { jobId })).toMatchObject({ state: 'failed', error: { code: 'NOT_FOUND', message: expect.stringMatching(/比較できる版が2つありません/) } });
  });

  it('summarises like the document', () => {
    const a = ok('summary.get', { roundId, levels: ['A'] })[0]!;
    expect(a.total).toBe(132);
  });

  const HOSTILE: [Channel | string, unknown, RegExp][] = [
    ['issues.list', { roundId: 'abc', offset: 0, limit: 10 }, /roundId/],
    ['issues.list', { roundId, offset: -1, limit: 10 }, /offset/],
    ['issues.list', { roundId, offset: 0, limit: 1e9 }, /limit/],
    ['issues.list', { roundId, offset: 0, limit: 10, sort: [{ column: 'title; DROP TABLE issues', desc: false }] }, /sort/],
    ['issues.list', { roundId, offset: 0, limit: 10, extra: 1 }, /extra/],
    ['issues.get', null, /issueId/],
    ['issues.get', { issueId: 1.5, roundId }, /issueId/],
    ['issues.get', { issueId: 999999, roundId }, /変革課題 \(id 999999\) がありません/],
    ['evaluations.setRank', { issueId, roundId, rank: '9' }, /ランク「9」/],
    ['evaluations.setRank', { issueId, roundId }, /rank/],
    ['evaluations.setRank', { issueId, roundId: 424242, rank: '1' }, /評価回/],
    ['evaluations.setComment', { issueId, roundId, comment: 'あ'.repeat(4001) }, /comment/],
    ['evaluations.undo', { auditId: 987654 }, /取り消せる変更/],
    ['settings.set', { displayName: 42 }, /displayName/],
    ['issues.resolveKey', { key: '存在しない-A-1' }, /見つかりません/],
    ['compare.get', { issueId }, /比較できる版が2つありません/],
    ['compare.get', { issueId: bIssueId, from: 'R6.11', to: 'R6.11' }, /同じ版どうしは比較できません/],
    ['compare.get', { issueId: bIssueId, from: 'R5.1' }, /古い側の版「R5.1」がありません/],
    ['compare.setNote', { issueId, fromVersionId: 1, toVersionId: 2, note: 'x' }, /この課題の異なる2つの版/],
    ['rules.save', { rules: [{ kind: 'minLength', field: 'content', params: { min: -3 }, message: 'm', enabled: true }] }, /ルール 1 行目: 設定値が正しくありません/],
    ['rules.save', { rules: [{ kind: 'magic', field: 'content', params: {}, message: 'm', enabled: true }] }, /種類「magic」はありません/],
    ['rules.save', { rules: [{ kind: 'similarity', field: 'title', params: { threshold: 0.5 }, message: 'm', enabled: true }] }, /項目「title」はこの種類/],
    ['export.start', { kind: 'report', format: 'xlsx', roundId }, /format/],
    ['export.start', { kind: 'report', format: 'pdf', roundId }, /PDFを印刷する仕組みがありません/],
    ['export.start', { kind: 'grid', format: 'csv', roundId, encoding: 'sjis' }, /encoding/],
    ['export.preview', { kind: 'org', format: 'docx', roundId, organizationIds: [987654] }, /局区の一部が見つかりません/],
    ['export.preview', { kind: 'report', format: 'docx', roundId, font: 'Comic Sans' }, /font/],
    ['export.status', { jobId: '00000000-0000-4000-8000-000000000000' }, /出力の処理が見つかりません/],
    ['export.status', { jobId: '../../etc/passwd' }, /jobId/],
    ['no.such.channel', {}, /不明な要求/],
    ['__proto__', {}, /不明な要求/],
    [42 as unknown as string, {}, /不明な要求/],
  ];

  it.each(HOSTILE)('%s with a bad payload gets a clear error and writes nothing', (channel, payload, message) => {
    const before = fingerprint();
    const reply = dispatch(ctx, channel, payload);
    expect(reply.ok).toBe(false);
    if (!reply.ok) {
      expect(reply.error.message).toMatch(message);
      expect(reply.error.message).toMatch(/[ぁ-んァ-ン一-龯]/); // Japanese for the UI
    }
    expect(fingerprint()).toBe(before);
  });

  it('survives random payloads on every channel without crashing or half-writing', () => {
    const payload = fc.oneof(
      fc.anything(),
      fc.record({ issueId: fc.oneof(fc.integer(), fc.string(), fc.double()), roundId: fc.oneof(fc.integer(), fc.constant(roundId)), rank: fc.oneof(fc.string(), fc.constant(null)), offset: fc.integer(), limit: fc.integer(), text: fc.string() }, { requiredKeys: [] }),
    );
    fc.assert(
      fc.property(fc.constantFrom(...CHANNELS.filter((c) => c !== 'settings.set' && c !== 'rules.save')), payload, (channel, input) => {
        const reply = dispatch(ctx, channel, input);
        expect(typeof reply.ok).toBe('boolean');
        if (!reply.ok) expect(reply.error.message.length).toBeGreaterThan(0);
        if (!reply.ok) expect(reply.error.code).not.toBe('INTERNAL');
      }),
      { numRuns: 1500 },
    );
    expect(db.sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(db.sqlite.pragma('foreign_key_check')).toEqual([]);
  });
});
