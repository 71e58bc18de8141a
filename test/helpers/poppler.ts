// Reads PDFs back with poppler-utils (pdfinfo, pdftotext): page count, page size, text.
import { execFileSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from './temp';

function tool(name: string): string {
  const path = `/usr/bin/${name}`;
  if (!existsSync(path)) throw new Error(`${name} がありません。poppler-utils をインストールしてください (apt-get install -y poppler-utils)`);
  return path;
}

export interface PdfFacts {
  pages: number;
  /** Points, as pdfinfo prints them. */
  width: number;
  height: number;
  text: string;
}

export function readPdf(bytes: Uint8Array | string): PdfFacts {
  let file = typeof bytes === 'string' ? bytes : '';
  if (typeof bytes !== 'string') {
    file = join(tempDir('xpw-pdf-'), 'read.pdf');
    writeFileSync(file, bytes);
  }
  const info = execFileSync(tool('pdfinfo'), [file], { encoding: 'utf8' });
  const size = /Page size:\s+([\d.]+) x ([\d.]+) pts/.exec(info);
  const pages = /Pages:\s+(\d+)/.exec(info);
  if (!size || !pages) throw new Error(`pdfinfo could not read ${file}:\n${info}`);
  // -raw: the content stream's order, so a table row's cells stay together even when a title wraps.
  const text = execFileSync(tool('pdftotext'), ['-raw', '-enc', 'UTF-8', file, '-'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return { pages: Number(pages[1]), width: Number(size[1]), height: Number(size[2]), text };
}

/** A4 portrait is 595 × 842 pt, A3 landscape 1191 × 842 pt. */
export const PAGE_PT = { A4: [595, 842], A3: [842, 1191] } as const;

/** Text without any whitespace: titles wrapped inside a table cell still match. */
export const squash = (s: string): string => s.replace(/\s+/g, '');
