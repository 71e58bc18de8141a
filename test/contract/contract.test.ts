// Every channel of the contract, with valid input and with invalid and hostile payloads: a clear
// Japanese error each time, no crash, and nothing written.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CHANNELS, type Channel, type Output, type Reply } from '../../electron/contract/channels';
import { dispatch } from '../../electron/contract/dispatch';
import { createPathGate } from '../../electron/contract/path-gate';
import { tmpdir } from 'node:os';
import { exportJobs } from '../../electron/contract/handlers';
import type { Host } from '../../electron/contract/host';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { sampleDb, tempDir } from '../helpers/temp';
import { readZip } from '../helpers/zip';

const db = await sampleDb();
// Exports are delivered into a folder here (the app shows a Save dialog, the preview a download).
const outDir = tempDir();
const host: Host = {
  deliver: (file) => {
    const path = join(outDir, file.fileName);
    writeFileSync(path, file.bytes);
    return Promise.resolve({ kind: 'saved', path });
  },
  // As the preview started with --allow-dir for the temp folder and this test's folder.
  paths: createPathGate([tmpdir(), import.meta.dirname]),
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

// Rounds, scales and audit (issue 6). Handlers that take a backup before a bulk change answer
// with a promise, so these are awaited.
const done = async <C extends Channel>(channel: C, input: unknown): Promise<Output<C>> => {
  const reply = (await dispatch(ctx, channel, input)) as Reply<C>;
  if (!reply.ok) throw new Error(`${channel}: ${reply.error.message}`);
  return reply.data;
};
const scaleId = ok('rounds.list', {})[0]!.scaleId;
const newRound = { title: '令和7年5月時点', asOf: '2025-05', meetingDate: '2025-06-20', scaleId };
const r75 = (await done('rounds.create', { ...newRound, label: 'R7.5', carryFromRoundId: roundId })).round.id;
const spareRound = (await done('rounds.create', { ...newRound, label: 'R9.9', asOf: '2030-01' })).round.id;
const lockable = (await done('rounds.create', { ...newRound, label: 'R9.8', asOf: '2029-01' })).round.id;
const acctOrg = ok('organizations.list', {}).find((o) => o.shortName === '会計')!.id;
const bulkConfirm = (await done('rounds.confirmCarried', { roundId: r75, organizationIds: [acctOrg] })).auditId;
const statusRanks = ['完了', '取組中', '未着手'].map((v) => ({ value: v, label: v, definition: `${v}のもの` }));
const spareScale = ok('scales.create', { name: '3段階 (仮)', ranks: statusRanks }).id;
// Imports (issue 5): files travel as base64.
const csvFile = (name: string, rows: string[][]) => ({ fileName: name, data: Buffer.from(`\uFEFF${rows.map((r) => r.join(',')).join('\r\n')}\r\n`).toString('base64') });
const firstImport = (
  await done('import.commit', { file: csvFile('first.csv', [['局名', '番号', '課題名', 'ランク'], ['危機', '1', '様々な災害パターンを想定した災害シミュレーションの構築', '3']]), options: { roundId, defaultLevel: 'A' } })
).importId;
const importFile = csvFile('second.csv', [['局名', '番号', '課題名', '所見'], ['危機', '2', '市職員の防災対応能力の向上', '訓練を実施']]);
// Inquiries (issue 5): the forms come back as one .zip through the host.
const sent = await done('inquiry.generate', { label: 'R7.3', levels: ['B'] });
if (sent.delivery.kind !== 'saved') throw new Error(sent.delivery.kind);
const forms = readZip(readFileSync(sent.delivery.path));
const formName = forms.names[0]!;
const returned = { fileName: formName, data: Buffer.from(forms.bytes(formName)).toString('base64') };
const doomedScale = ok('scales.create', { name: '削除する基準', ranks: [{ value: 'X', label: 'X', definition: '' }] }).id;
// Backups (issue 6 §3): a copy to verify and to prepare a restore from. The restore itself runs
// in backup-channels.test.ts on a database of its own: here it would undo the other channels' writes.
// Bulk rank/所見 (issue 14): one audited change of many rows that one undo takes back.
const bulkChange = ok('evaluations.setMany', { roundId, field: 'comment', items: [{ issueId: bIssueId, value: '一括で記入' }] }).auditId;
const copy = await done('backups.create', {});
const preparedCopy = await done('backups.prepareRestore', { path: copy.path });

/** A fingerprint of everything the user can change. */
const fingerprint = () =>
  JSON.stringify([
    db.sqlite.prepare('SELECT * FROM evaluations ORDER BY id').all(),
    db.sqlite.prepare('SELECT count(*) FROM audit_log').pluck().get(),
    db.sqlite.prepare('SELECT * FROM settings ORDER BY key').all(),
    db.sqlite.prepare('SELECT * FROM writing_rules ORDER BY id').all(),
    db.sqlite.prepare('SELECT * FROM comparison_notes ORDER BY id').all(),
    db.sqlite.prepare('SELECT * FROM rounds ORDER BY id').all(),
    db.sqlite.prepare('SELECT * FROM scale_ranks ORDER BY id').all(),
  ]);

const VALID: { [C in Channel]: unknown } = {
  'app.info': {},
  'app.about': {},
  'organizations.list': {},
  'rounds.list': {},
  'issues.list': { roundId, offset: 0, limit: 50, levels: ['A'], sort: [{ column: 'title', desc: true }] },
  'issues.get': { issueId, roundId },
  'issues.resolveKey': { key: '財変-B-4' },
  'evaluations.setRank': { issueId, roundId, rank: '3' },
  'evaluations.setComment': { issueId, roundId, comment: '確認済み' },
  'evaluations.undo': { auditId: 1 },
  'issues.position': { roundId, issueId, sort: [{ column: 'title', desc: false }] },
  'evaluations.setMany': { roundId, field: 'rank', items: [{ issueId: bIssueId, value: null }, { issueId, value: '3' }] },
  'evaluations.undoMany': { auditId: bulkChange },
  'layout.get': {},
  'layout.set': { layout: { sizing: { title: 420 }, hidden: ['updatedBy'], order: [], wrap: true, paneWidth: 520 } },
  'evaluations.setSelected': { query: { roundId, levels: ['A'], sort: [{ column: 'title', desc: false }] }, ranges: [[0, 2], [5, 5]], field: 'comment', value: '選択した行に一括で' },
  'summary.get': { roundId },
  'charts.distribution': { roundId, levels: ['A'] },
  'charts.movement': { fromRoundId: roundId, toRoundId: r75 },
  'charts.view': { filter: { roundId: r75 }, movement: { fromRoundId: roundId, toRoundId: r75 } },
  'charts.savePng': { fileName: 'ランク分布.png', png: 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==' },
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
  'jobs.cancel': { jobId: '00000000-0000-4000-8000-000000000000' },
  'export.status': { jobId: firstJob },
  'rounds.stats': {},
  'rounds.create': { ...newRound, label: 'R9.7', asOf: '2028-01', meetingDate: null },
  'rounds.update': { ...newRound, roundId: spareRound, label: 'R9.9', title: '変更後の名称', asOf: '2030-02' },
  'rounds.delete': { roundId: spareRound },
  'rounds.lock': { roundId: lockable },
  'rounds.unlock': { roundId: lockable, reason: '公表資料の誤記を直すため' },
  'rounds.confirmCarried': { roundId: r75 },
  'rounds.undoBulk': { auditId: bulkConfirm },
  'rounds.history': { issueId },
  'rounds.movers': { fromRoundId: roundId, toRoundId: r75, levels: ['A'] },
  'scales.list': {},
  'scales.create': { name: 'S/A/B/C/−', ranks: ['S', 'A', 'B', 'C', '−'].map((v) => ({ value: v, label: v, definition: '' })) },
  'scales.update': { scaleId: spareScale, name: '3段階', ranks: statusRanks },
  'scales.delete': { scaleId: doomedScale },
  'summary.previous': { roundId: r75, levels: ['A'] },
  'audit.list': { limit: 50, issueKey: '会計-A-1' },
  'audit.count': { roundId: r75 },
  'audit.facets': {},
  'audit.export': { roundId: r75 },
  'import.previewStart': { file: importFile, options: { roundId, defaultLevel: 'A' } },
  'import.commit': { file: importFile, options: { roundId, defaultLevel: 'A' } },
  'import.list': {},
  'import.undo': { importId: firstImport },
  'inquiry.board': {},
  'inquiry.generate': { label: 'R7.4', title: '追加の照会', levels: ['B'], deadline: '2025-03-31' },
  'inquiry.previewStart': { files: [returned], inquiryId: sent.inquiryId },
  'inquiry.collect': { files: [returned], inquiryId: sent.inquiryId, choices: {} },
  'backups.list': {},
  'backups.create': { folder: tempDir() },
  'backups.verify': { path: copy.path },
  'backups.prepareRestore': { path: copy.path },
  'backups.verifyStart': { path: copy.path },
  'backups.prepareRestoreStart': { path: copy.path },
  'backups.restore': { token: preparedCopy.token },
  'backups.restoreStart': { token: preparedCopy.token },
  'backups.discard': { token: preparedCopy.token },
  'backups.pick': { what: 'folder' },
  'snapshot.export': {},
  'publish.check': { roundId },
  'publish.start': { roundId, comments: true },
  'pack.start': { roundId, meetingName: '第5回X会議', materials: ['report'] },
  'sync.status': {},
  'sync.issue': { issueId, roundId },
  'sync.resolve': { kind: 'note', key: { issue: 'x', from: 'R6.8', to: 'R6.11' }, field: 'note', value: '' },
  'sync.create': { dir: '/nonexistent' },
  'sync.now': {},
  'share.offer': {},
  'share.inspect': { location: '/nonexistent' },
  'share.joinStart': { location: '/nonexistent' },
  'share.current': {},
  'share.setPassword': { password: 'x' },
  'share.forgetPassword': {},
};

describe('the contract', () => {
  it('covers every channel in this test', () => {
    expect(Object.keys(VALID).sort()).toEqual([...CHANNELS].sort());
  });

  it('answers every channel with valid input', async () => {
    for (const channel of CHANNELS) {
      if (channel === 'evaluations.undo') continue; // needs an audit id; below
      if (channel === 'backups.restore' || channel === 'backups.restoreStart') continue; // in backup-channels.test.ts, test/worker
      if (channel === 'sync.resolve' || channel === 'sync.create') continue; // need a conflict / a share: test/sync/sync-contract.test.ts
      // need a share / a server: test/share/join-here.test.ts, test/share/pg-password.test.ts
      if (channel === 'share.inspect' || channel === 'share.joinStart' || channel === 'share.setPassword' || channel === 'share.forgetPassword') continue;
      const reply = await call(channel, VALID[channel]);
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

  it('creates a round from the previous one, locks it (ranks refused in Japanese) and unlocks it with a reason', async () => {
    const { round, carried } = await done('rounds.create', { ...newRound, label: 'R8.1', asOf: '2026-01', carryFromRoundId: roundId });
    expect(carried).toBe(132);
    expect(ok('issues.list', { roundId: round.id, carried: true, offset: 0, limit: 1 }).total).toBe(132);
    expect(ok('summary.previous', { roundId: round.id })).toMatchObject({ round: { label: 'R7.5' } });
    expect((await call('rounds.lock', { roundId: round.id })) as Reply<'rounds.lock'>).toMatchObject({ ok: false, error: { message: expect.stringMatching(/繰越のランクが 132 件/) } });
    expect(await done('rounds.confirmCarried', { roundId: round.id })).toMatchObject({ confirmed: 132 });
    expect(ok('rounds.lock', { roundId: round.id }).lockedBy).toBe('事務局 山田');
    const refused = call('evaluations.setRank', { issueId, roundId: round.id, rank: '1' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'LOCKED', message: expect.stringMatching(/評価回 R8.1 は公表済みでロックされています/) } });
    expect(ok('rounds.unlock', { roundId: round.id, reason: '誤記の訂正' }).lockedAt).toBeNull();
    const log = ok('audit.list', { roundId: round.id, limit: 10 }).rows.map((r) => r.action);
    expect(log.slice(0, 4)).toEqual(['round.unlock', 'round.lock', 'evaluation.confirmAll', 'round.create']);
    expect(ok('rounds.history', { issueId }).map((h) => h.label)).toEqual(['R6.11', 'R7.5', 'R8.1', 'R9.7', 'R9.8', 'R9.9'].slice(0, ok('rounds.list', {}).length));
  });

  it('exports the filtered audit log as a job, delivered like the handouts', async () => {
    const { jobId } = ok('audit.export', { actor: '事務局 山田' });
    await exportJobs.idle();
    const status = ok('export.status', { jobId });
    expect(status).toMatchObject({ state: 'done', result: { fileName: expect.stringMatching(/^監査ログ_\d{8}\.xlsx$/) } });
    const delivery = status.result!.delivery;
    if (delivery.kind !== 'saved') throw new Error(delivery.kind);
    expect(readFileSync(delivery.path).subarray(0, 2).toString()).toBe('PK');
    const empty = ok('audit.export', { actor: '誰もいない' }).jobId;
    await exportJobs.idle();
    expect(ok('export.status', { jobId: empty })).toMatchObject({ state: 'failed', error: { message: expect.stringMatching(/条件に合う監査ログがありません/) } });
  });

  /** A preview job's end (its status once it is no longer running). */
  const previewEnd = async (channel: 'import.previewStart' | 'inquiry.previewStart', input: unknown) => {
    const { jobId } = ok(channel, input);
    await exportJobs.idle();
    return ok('export.status', { jobId });
  };

  it('imports through the contract: preview (a job), commit, history, undo', async () => {
    const file = csvFile('third.csv', [['局名', '番号', '課題名', 'ランク'], ['危機', '3', '介助や移動手段がない方に対しての避難支援の仕組みづくり', '1'], ['危機', '4', '', '9']]);
    const ended = await previewEnd('import.previewStart', { file, options: { roundId, defaultLevel: 'A' } });
    if (ended.value?.kind !== 'importPreview') throw new Error(JSON.stringify(ended));
    const preview = ended.value.importPreview;
    expect(preview).toMatchObject({ fileName: 'third.csv', counts: { changed: 1, rejected: 1 }, rowsShown: 2 });
    expect(preview.rows[0]!.status).toBe('rejected'); // rows needing a look come first
    const { importId } = await done('import.commit', { file, options: { roundId, defaultLevel: 'A' } });
    expect(ok('import.list', {})[0]).toMatchObject({ id: importId, fileName: 'third.csv', undoneAt: null });
    expect((await done('import.undo', { importId })).reverted).toBeGreaterThan(0);
    expect(ok('import.list', {})[0]!.undoneAt).not.toBeNull();
  });

  it.each([
    [{ file: { fileName: 'x.png', data: Buffer.from([0x89, 0x50, 0x4e, 0x47, 1, 2]).toString('base64') }, options: {} }, /「x.png」はPNG画像です/],
    [{ file: { fileName: 'x.csv', data: '' }, options: {} }, /「x.csv」は空のファイルです/],
    [{ file: csvFile('x.csv', [['局名', '番号', 'ランク'], ['会計', '1', '3']]), options: { defaultLevel: 'A' } }, /ランク・所見を取り込むには評価回を指定してください/],
  ])('an import preview job refused by its file ends failed, in Japanese, writing nothing (%#)', async (input, message) => {
    const before = fingerprint();
    expect(await previewEnd('import.previewStart', input)).toMatchObject({ state: 'failed', error: { message: expect.stringMatching(message) } });
    expect(fingerprint()).toBe(before);
  });

  it('previews returns as a job: progress ends done with the preview', async () => {
    const ended = await previewEnd('inquiry.previewStart', { files: [returned], inquiryId: sent.inquiryId });
    expect(ended).toMatchObject({ state: 'done', value: { kind: 'returnsPreview', returnsPreview: { counts: { files: 1, accepted: 1 } } } });
  });

  const HOSTILE: [Channel | string, unknown, RegExp][] = [
    ['import.previewStart', { file: { fileName: 'x.csv', data: '%%%' }, options: {} }, /base64/],
    ['import.previewStart', { file: csvFile('x.csv', [['a']]), options: { mapping: ['secret'] } }, /mapping/],
    ['import.previewStart', { file: csvFile('x.csv', [['a']]), options: { rowLevels: { '3': 'D' } } }, /rowLevels/],
    ['import.commit', { file: csvFile('x.csv', [['局名', '番号', '課題名', 'ランク'], ['会計', '1', 't', '8']]), options: { roundId, defaultLevel: 'A' } }, /取り込む変更がありません/],
    ['import.undo', { importId: 987654 }, /取り込み \(id 987654\) がありません/],
    ['inquiry.generate', { deadline: '31/03/2025' }, /提出期限は YYYY-MM-DD/],
    ['inquiry.previewStart', { files: [] }, /回答のファイルを選んでください/],
    ['inquiry.collect', { files: [returned], choices: { abc: 'theirs' } }, /choices/],
    ['inquiry.board', { inquiryId: 987654 }, /照会/],
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
    ['rounds.create', { ...newRound, label: 'R6.11' }, /ラベル「R6.11」の評価回はすでにあります/],
    ['rounds.create', { ...newRound, label: 'R9.1', asOf: '2025/05' }, /asOf/],
    ['rounds.create', { ...newRound, label: 'R9.1', meetingDate: '2025-02-30' }, /X会議の日付「2025-02-30」が正しくありません/],
    ['rounds.create', { ...newRound, label: 'R9.1', carryFromRoundId: 987654 }, /評価回 \(id 987654\) がありません/],
    ['rounds.create', { ...newRound, label: 'R9.1', scaleId: 987654 }, /ランク基準 \(id 987654\) がありません/],
    ['rounds.create', { ...newRound, label: '', extra: 1 }, /label|extra/],
    ['rounds.update', { ...newRound, roundId: 987654, label: 'x' }, /評価回 \(id 987654\) がありません/],
    ['rounds.update', { ...newRound, roundId: r75, label: 'R6.11' }, /ラベル「R6.11」の評価回はすでにあります/],
    ['rounds.delete', { roundId }, /確定したランクまたは所見が \d+ 件あるため削除できません/],
    ['rounds.lock', { roundId: 987654 }, /評価回 \(id 987654\) がありません/],
    ['rounds.unlock', { roundId, reason: '   ' }, /ロックを解除する理由を入力してください/],
    ['rounds.unlock', { roundId, reason: '理由' }, /ロックされていません/],
    ['rounds.confirmCarried', { roundId: 987654 }, /評価回 \(id 987654\) がありません/],
    ['rounds.confirmCarried', { roundId, carried: 'yes' }, /carried/],
    ['rounds.undoBulk', { auditId: 1 }, /取り消せる一括変更/],
    ['rounds.history', { issueId: 987654 }, /変革課題 \(id 987654\) がありません/],
    ['rounds.movers', { fromRoundId: roundId, toRoundId: roundId }, /同じ評価回どうしは比べられません/],
    ['rounds.movers', { fromRoundId: roundId, toRoundId: 987654 }, /比較先の評価回/],
    ['scales.create', { name: 'x', ranks: [] }, /ranks/],
    ['scales.create', { name: 'x', ranks: [{ value: 'A', label: 'a', definition: '' }, { value: 'a', label: 'b', definition: '' }] }, /ランク 2 行目: 値「a」が 1 行目と重複しています/],
    ['scales.create', { name: 'x', ranks: Array.from({ length: 11 }, (_, i) => ({ value: String(i), label: String(i), definition: '' })) }, /ranks/],
    ['scales.update', { scaleId, name: '進捗ランク', ranks: [{ value: '9', label: '9', definition: '' }] }, /使われているため、削除したり値を変えたりできません/],
    ['scales.delete', { scaleId }, /使われているため削除できません/],
    ['summary.previous', { roundId: 987654 }, /評価回 \(id 987654\) がありません/],
    ['audit.list', { limit: 0 }, /limit/],
    ['audit.list', { limit: 10, issueKey: '存在しない-A-1' }, /課題「存在しない-A-1」が見つかりません/],
    ['audit.list', { limit: 10, from: '2024-13-01' }, /from/],
    ['audit.list', { limit: 10, from: '2025-01-01T00:00:00Z', to: '2024-01-01T00:00:00Z' }, /期間の終わりが始まりより前です/],
    ['audit.list', { limit: 10, after: { at: "x' OR 1=1 --", id: 1 } }, /after/],
    ['audit.count', { actor: '' }, /actor/],
    ['audit.export', { issueKey: 'ない-A-1' }, /課題「ない-A-1」が見つかりません/],
    ['backups.create', { folder: 'relative/folder' }, /保存先のフォルダは絶対パスで指定してください/],
    ['backups.create', { folder: join(tempDir(), 'no-such-folder') }, /保存先のフォルダがありません/],
    ['backups.verify', { path: '' }, /path/],
    ['backups.verifyStart', { path: '' }, /path/],
    ['backups.prepareRestore', { path: join(tempDir(), 'none.sqlite') }, /復元元のファイルが見つかりません/],
    ['backups.prepareRestore', { path: `${tempDir()}\u0000.sqlite` }, /制御文字を含むパスは使えません/],
    ['backups.prepareRestore', { path: join(import.meta.dirname, 'contract.test.ts') }, /バックアップ \(\.sqlite\) でも全データの書き出しファイル \(\.xpws\) でもありません/],
    ['backups.restore', { token: '00000000-0000-4000-8000-000000000000' }, /復元の準備が見つかりません/],
    ['backups.restore', { token: 'DROP TABLE issues' }, /token/],
    ['backups.restoreStart', { token: '00000000-0000-4000-8000-000000000000' }, /復元の準備が見つかりません/],
    ['backups.pick', { what: 'C:\\' }, /what/],
    ['settings.set', { displayName: '山田', backups: { folder: null, keepLast: 0, keepDays: 30, maxTotalMb: 100 } }, /「最新から残す件数」は 1〜1,000 の整数/],
    ['settings.set', { displayName: '山田', dataDir: '\\\\fileserver\\share' }, /ネットワーク上のフォルダ/],
  ];

  it.each(HOSTILE)('%s with a bad payload gets a clear error and writes nothing', async (channel, payload, message) => {
    const before = fingerprint();
    const reply = await dispatch(ctx, channel, payload);
    expect(reply.ok).toBe(false);
    if (!reply.ok) {
      expect(reply.error.message).toMatch(message);
      expect(reply.error.message).toMatch(/[ぁ-んァ-ン一-龯]/); // Japanese for the UI
    }
    expect(fingerprint()).toBe(before);
  });

  it('survives random payloads on every channel without crashing or half-writing', async () => {
    const payload = fc.oneof(
      fc.anything(),
      fc.record({ issueId: fc.oneof(fc.integer(), fc.string(), fc.double()), roundId: fc.oneof(fc.integer(), fc.constant(roundId)), rank: fc.oneof(fc.string(), fc.constant(null)), offset: fc.integer(), limit: fc.integer(), text: fc.string() }, { requiredKeys: [] }),
    );
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...CHANNELS.filter((c) => c !== 'settings.set' && c !== 'rules.save')), payload, async (channel, input) => {
        const reply = await dispatch(ctx, channel, input);
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
