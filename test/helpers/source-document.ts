// Reads the source document the secretariat published (kept byte for byte as a fixture in
// test/fixtures/source-document), so the sample is checked against the document itself, not
// against a copy of our own data.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export const SOURCE_DOCUMENT_FILE = join(import.meta.dirname, '..', 'fixtures', 'source-document', '000_6fe8dd8b38d4b9ac.txt');

export function sourceDocument(): string {
  if (!existsSync(SOURCE_DOCUMENT_FILE)) throw new Error(`The source document fixture is missing: ${SOURCE_DOCUMENT_FILE}`);
  return readFileSync(SOURCE_DOCUMENT_FILE, 'utf8');
}

/** Rows of the published list 局名 / 番号 / 課題名 / ランク. */
export function publishedAList(): { organization: string; number: number; title: string; rank: string }[] {
  return sourceDocument()
    .split('\n')
    .map((l) => l.split('\t'))
    .filter((p) => p.length === 4 && /^\d+$/.test(p[1]!))
    .map(([organization, number, title, rank]) => ({ organization: organization!, number: Number(number), title: title!, rank: rank! }));
}

const FIELD_NAMES = { '①': '課題名', '②': '課題の内容', '③': '課題の背景', '④': '課題に対する取組', '⑤': '取組みの進捗状況、取組結果' } as const;

/** The B example's two columns: printed number and fields ①–⑤ keyed by their mark. */
export function publishedBExample(): { number: string; fields: Record<string, string> }[] {
  const line = sourceDocument()
    .split('\n')
    .find((l) => l.startsWith('<p>課題B'));
  if (!line) throw new Error('B example not found in the source document');
  return line.split('\t').map((cell) => {
    const paragraphs = [...cell.matchAll(/<p>(.*?)<\/p>/g)].map((m) => m[1]!);
    const fields: Record<string, string> = {};
    for (const p of paragraphs) {
      for (const [mark, name] of Object.entries(FIELD_NAMES)) {
        const prefix = `${mark} ${name} `;
        if (p.startsWith(prefix)) fields[mark] = p.slice(prefix.length);
      }
    }
    return { number: paragraphs[0]!, fields };
  });
}
