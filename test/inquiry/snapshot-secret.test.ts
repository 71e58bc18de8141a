// The inquiry signing secret stays on the PC that made the inquiry (issue 11 item 5): a
// single-file export (.xpws) handed to someone does not carry it, so its holder cannot forge a
// bureau's return. A database read from such a file shows its inquiries but refuses to collect
// their returns — with a message saying why and what to do — until a new inquiry is made.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/open';
import { listInquiries } from '../../db/queries/inquiries';
import { collectReturns } from '../../electron/services/inquiry/collect-returns';
import { generateInquiry } from '../../electron/services/inquiry/generate-inquiry';
import { previewReturns } from '../../electron/services/inquiry/preview-returns';
import { rekeyInquiry } from '../../electron/services/inquiry/rekey-inquiry';
import { inquiryBoard } from '../../electron/services/inquiry/inquiry-board';
import { importSnapshot } from '../../electron/services/snapshot/import-snapshot';
import { writeSnapshot } from '../../electron/services/snapshot/snapshot-file';
import { sampleDb, tempDir } from '../helpers/temp';
import { cell, fileOf, fingerprint, formSheet, openForm, rowOf, saveForm } from './helpers';

describe('inquiry secrets and snapshots', () => {
  it('a snapshot does not contain the secret; the imported inquiries can be read, collected only after re-keying', async () => {
    const db = await sampleDb();
    const gen = await generateInquiry(db, { label: 'R7.2', actor: '事務局' });
    const [inquiry] = listInquiries(db.sqlite);
    expect(inquiry!.secret.length).toBeGreaterThan(20);

    const bytes = await writeSnapshot(db.sqlite, { appVersion: 'test', createdBy: '事務局' });
    const text = gunzipSync(bytes).toString('utf8');
    expect(text).not.toContain(inquiry!.secret);
    expect(text).toContain(inquiry!.uid);

    const dir = tempDir();
    const file = join(dir, 'in.xpws');
    writeFileSync(file, bytes);
    const target = join(dir, 'imported.sqlite');
    await importSnapshot(file, target);
    const other = await openDatabase(target);
    // Readable: the inquiry, its forms and their state are all there.
    const [copied] = listInquiries(other.sqlite);
    expect(copied).toMatchObject({ uid: inquiry!.uid, label: 'R7.2', secret: '' });
    expect(JSON.stringify(inquiryBoard(other, copied!.id))).toContain('会計');

    // A genuine return, filled in by the bureau, is not collected here: there is no key to check it.
    const wb = await openForm(fileOf(gen, '会計').bytes);
    cell(rowOf(formSheet(wb), '会計-A-1'), 'content').value = '局が書いた内容';
    const answer = { fileName: '照会_R7.2_会計.xlsx', bytes: await saveForm(wb) };
    const before = fingerprint(other.sqlite);
    const preview = await previewReturns(other, [answer], { inquiryId: copied!.id });
    expect(preview.files[0]).toMatchObject({ status: 'refused' });
    expect(preview.files[0]!.message).toMatch(/署名の鍵 \(秘密鍵\) がこのデータベースにありません/);
    await expect(collectReturns(other, [answer], { inquiryId: copied!.id, actor: '事務局' })).rejects.toThrow(/署名の鍵/);
    expect(fingerprint(other.sqlite)).toBe(before);

    // On the PC that made the inquiry the same return is accepted.
    const ok = await previewReturns(db, [answer], { inquiryId: inquiry!.id });
    expect(ok.files[0]!.status).not.toBe('refused');
    // An inquiry with its key is never re-keyed (its forms in circulation would stop working).
    await expect(rekeyInquiry(db, 'R7.2', '事務局')).rejects.toThrow(/署名の鍵があります/);
    db.close();

    // Re-keyed on the other PC: a new key and the forms issued again, with the text first sent.
    const reissued = await rekeyInquiry(other, 'R7.2', '事務局');
    expect(reissued.files.map((f) => f.fileName)).toEqual(gen.files.map((f) => f.fileName));
    expect(listInquiries(other.sqlite)[0]!.secret.length).toBeGreaterThan(20);
    expect(other.sqlite.prepare("SELECT count(*) FROM audit_log WHERE action = 'inquiry.rekey'").pluck().get()).toBe(1);
    // The old form still cannot be collected here; the new one can.
    expect((await previewReturns(other, [answer], { inquiryId: copied!.id })).files[0]!.status).toBe('refused');
    const fresh = await openForm(fileOf(reissued, '会計').bytes);
    cell(rowOf(formSheet(fresh), '会計-A-1'), 'content').value = '局が書いた内容';
    const newAnswer = { fileName: '照会_R7.2_会計.xlsx', bytes: await saveForm(fresh) };
    const collected = await collectReturns(other, [newAnswer], { inquiryId: copied!.id, actor: '事務局' });
    expect(collected).toMatchObject({ importId: expect.any(Number) });
    expect(collected.written.map((w) => w.key)).toEqual(['会計-A-1']);
    other.close();
  });
});
