// UTF-16 big-endian text (issue 10 c): what Excel on a Mac or a converter may write as "Unicode
// text" with the byte-order mark FE FF. It is detected and decoded, or decoded when UTF-16 is
// chosen by hand; before, the sniffer let it through and it was read as CP932 garbage.
import { describe, expect, it } from 'vitest';
import { previewImport } from '../../electron/services/import/import-file';
import { decodeText, detectEncoding } from '../../electron/services/import/read-source';
import { sampleDb } from '../helpers/temp';
import { csvText } from './fixtures';

/** UTF-16BE with its BOM (Node has no 'utf16be' encoder: swap the bytes of UTF-16LE). */
function utf16be(text: string, bom = true): Uint8Array {
  const le = Buffer.from(text, 'utf16le');
  for (let i = 0; i + 1 < le.length; i += 2) [le[i], le[i + 1]] = [le[i + 1]!, le[i]!];
  return new Uint8Array(Buffer.concat([bom ? Buffer.from([0xfe, 0xff]) : Buffer.alloc(0), le]));
}

describe('UTF-16BE', () => {
  const text = csvText([['局名', '番号', '課題名', 'ランク', '所見'], ['会計', 1, '財務会計システムの機能アップ 〈DX推進〉', 3, '髙﨑 ①〜⑤']]).replace(/,/g, '\t');

  it('is detected by its byte-order mark and decoded character for character', () => {
    expect(detectEncoding(utf16be(text))).toBe('utf16be');
    expect(decodeText(utf16be(text), 'utf16be')).toBe(text);
    // Chosen by hand as "UTF-16": the mark says big-endian.
    expect(decodeText(utf16be(text), 'utf16le')).toBe(text);
  });

  it('imports like any other encoding', async () => {
    const db = await sampleDb();
    const roundId = db.sqlite.prepare('SELECT id FROM rounds').pluck().get() as number;
    const { preview } = await previewImport(db, 'unicode.txt', utf16be(text), { roundId, defaultLevel: 'A' });
    expect(preview.encoding).toBe('utf16be');
    expect(preview.header).toEqual(['局名', '番号', '課題名', 'ランク', '所見']);
    expect(preview.counts).toMatchObject({ changed: 1, rejected: 0 });
    expect(preview.rows[0]!.changes).toContainEqual(expect.objectContaining({ field: 'comment', after: '髙﨑 ①〜⑤' }));
  });
});
