// The audit log in plain Japanese (issue 14 §6): an import, its undo and a restore-like entry read
// back through describeAudit (what the screen, the side panel and the .xlsx show) carry no internal
// words — no importId, sha256, inquiry, `new 0、changed 1`, no UTC backup file names.
import { describe, expect, it } from 'vitest';
import { describeAudit } from '../../common/audit-text';
import { formatWarekiDateTime } from '../../common/wareki';
import { listAudit } from '../../db/queries/audit-search';
import { recordChange, writeTransaction } from '../../db/write/change';
import { runImport } from '../../electron/services/import/import-file';
import { undoImport } from '../../electron/services/import/undo-import';
import { sampleDb } from '../helpers/temp';

const FORBIDDEN = /importId|inquiryId|sha256|inquiry|\bnew\b|\bchanged\b|\bunchanged\b|\brejected\b|\bkind\b|\blist\b|safetyCopy|backupPath|lastChange|xpw-\d{8}T/u;

describe('audit entries in words', () => {
  it('an import, its undo and a restore say what happened without internal words', async () => {
    const db = await sampleDb();
    const roundId = db.sqlite.prepare('SELECT id FROM rounds LIMIT 1').pluck().get() as number;
    const csv = Buffer.from('\uFEFF局名,番号,課題名,所見\r\n危機,2,市職員の防災対応能力の向上,訓練を実施\r\n');
    const { importId } = await runImport(db, '所見.csv', csv, { roundId, defaultLevel: 'A' }, 'テスト担当');
    await undoImport(db, importId, 'テスト担当');
    // A restore's entry, as electron/services/backups/restore.ts writes it.
    const safety = '/data/backups/xpw-20261201T083000123Z-pre-restore.sqlite';
    writeTransaction(db.sqlite, () => recordChange(db.sqlite, {
      actor: 'テスト担当',
      action: 'backup.restore',
      entity: 'database',
      before: { issues: 133, evaluations: 132, lastChange: { at: '2026-12-01T08:00:00.000Z', actor: '山田' }, safetyCopy: safety },
      after: { source: '/data/backups/xpw-20261130T230000000Z-daily.sqlite', kind: 'backup', issues: 133, evaluations: 132, lastChange: null },
    }));
    const rows = listAudit(db.sqlite, {}, 100).rows;
    const texts = rows.map((r) => describeAudit(r, Infinity));
    for (const t of texts) expect(`${t.action} ${t.target} ${t.before} ${t.after}`).not.toMatch(FORBIDDEN);

    const byAction = (a: string) => texts[rows.findIndex((r) => r.action === a)]!;
    expect(byAction('import').after).toContain('新規 0 件、変更 1 件、変更なし 0 件、取り込めない行 0 件');
    expect(byAction('import').after).toContain('種類: 一覧');
    expect(byAction('import.undo').before).toContain('戻した変更: 1 件');
    const restore = byAction('backup.restore');
    expect(restore.before).toContain(`復元前の控え: ${formatWarekiDateTime(new Date('2026-12-01T08:30:00Z'))} のバックアップ`);
    expect(restore.before).toContain(`最終更新: 日時 ${formatWarekiDateTime(new Date('2026-12-01T08:00:00Z'))}、更新者 山田`);
    expect(restore.after).toContain('種類: バックアップ');
    db.close();
  });
});
