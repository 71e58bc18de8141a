// Workbooks that would exhaust memory (issue 11 item 4): a small .xlsx whose used range spans
// 16,384 columns and 1,048,576 rows, a sheet of too many columns, and a zip entry that inflates
// far beyond any real sheet. Imports and inquiry returns refuse them quickly with a Japanese
// message naming the limit; the database is untouched.
import ExcelJS from 'exceljs';
import { crc32, deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { previewImport } from '../../electron/services/import/import-file';
import { readSource } from '../../electron/services/import/read-source';
import { WORKBOOK_LIMITS } from '../../electron/services/import/workbook-limits';
import { generateInquiry } from '../../electron/services/inquiry/generate-inquiry';
import { previewReturns } from '../../electron/services/inquiry/preview-returns';
import { sampleDb } from '../helpers/temp';
import { fingerprint } from '../inquiry/helpers';
import { xlsx } from './fixtures';

async function wideAndTall(): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('一覧');
  const row = ws.getRow(1);
  for (let c = 1; c <= 16_384; c++) row.getCell(c).value = c;
  ws.getCell('A1048576').value = 'x';
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

/** A zip written by hand: its entries deflated by zlib (fast even for hundreds of MB of zeros). */
function zipOf(entries: Record<string, Buffer>): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, content] of Object.entries(entries)) {
    const data = deflateRawSync(content, { level: 1 });
    const fileName = Buffer.from(name, 'utf8');
    const crc = crc32(content);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(content.length, 22);
    local.writeUInt16LE(fileName.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(content.length, 24);
    central.writeUInt16LE(fileName.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, fileName, data);
    centrals.push(central, fileName);
    offset += local.length + fileName.length + data.length;
  }
  const dir = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Object.keys(entries).length, 8);
  end.writeUInt16LE(Object.keys(entries).length, 10);
  end.writeUInt32LE(dir.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, dir, end]);
}

const timed = async (run: () => Promise<unknown>) => {
  const started = Date.now();
  const error = await run().then(
    () => null,
    (e: unknown) => e as Error,
  );
  return { error, ms: Date.now() - started };
};

describe('workbook limits (imports and inquiry returns)', () => {
  it('refuses a small workbook whose used range is 16,384 columns by 1,048,576 rows, naming the limit', async () => {
    const bytes = await wideAndTall();
    expect(bytes.length).toBeLessThan(200_000);
    const { error } = await timed(() => readSource('攻撃.xlsx', bytes));
    expect(error?.message).toMatch(/「攻撃.xlsx」のシート「一覧」は使用範囲が 1,048,576 行あり、上限 \(100万行\) を超えています/);
  });

  it('refuses too many columns and a too large range on their own', async () => {
    const wide = await xlsx([['局名', '番号']], (ws) => {
      ws.getCell(1, WORKBOOK_LIMITS.columns + 5).value = '端';
    });
    expect((await timed(() => readSource('横長.xlsx', wide))).error?.message).toMatch(/列あり、上限 \(1,000列\) を超えています/);
    const big = await xlsx([['局名']], (ws) => {
      ws.getCell(900_000, 1).value = '下';
      ws.getCell(1, 900).value = '右';
    });
    expect((await timed(() => readSource('広い.xlsx', big))).error?.message).toMatch(/900,000 行 × 900 列あり、上限 \(500万セル\) を超えています/);
  });

  it('refuses a zip entry that inflates beyond the limit, before parsing it', async () => {
    const bomb = zipOf({
      '[Content_Types].xml': Buffer.from('<Types/>'),
      'xl/workbook.xml': Buffer.from('<workbook/>'),
      'xl/worksheets/sheet1.xml': Buffer.alloc(WORKBOOK_LIMITS.entryBytes + 1024 * 1024, 0x20),
    });
    expect(bomb.length).toBeLessThan(3 * 1024 * 1024);
    const { error } = await timed(() => readSource('bomb.xlsx', bomb));
    expect(error?.message).toBe('「bomb.xlsx」の中の「xl/worksheets/sheet1.xml」は展開すると 256 MB を超え、読み込める上限 (1つあたり 256 MB) を超えています');
  });

  it('the import preview and an inquiry return refuse the same file; nothing is written', async () => {
    const db = await sampleDb();
    const bytes = await wideAndTall();
    const plan = await previewImport(db, '一覧.xlsx', bytes).catch((e: unknown) => e as Error);
    expect((plan as Error).message).toMatch(/上限 \(100万行\)/);
    const gen = await generateInquiry(db, { label: 'R7.2', actor: '事務局' });
    const before = fingerprint(db.sqlite);
    const p = await previewReturns(db, [{ fileName: '照会_R7.2_会計.xlsx', bytes }], { inquiryId: gen.inquiryId });
    expect(p.files[0]).toMatchObject({ status: 'refused' });
    expect(p.files[0]!.message).toMatch(/上限 \(100万行\)/);
    expect(fingerprint(db.sqlite)).toBe(before);
    db.close();
  });
});
