// The print document around a template's body: the print styles, the @page size and the font.
// Used for PDF printing (Chromium / Electron); the in-app preview shows the same body with the
// same stylesheet (bundled into the renderer).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { appRoot } from '../../../../db/paths.js';
import { cssFontStack } from '../fonts.js';
import type { DocMeta } from '../model/meta.js';
import { pageSizeMm } from '../options.js';
import { esc } from './escape.js';
import { MARGIN_MM } from '../layout.js';

let css: string | undefined;
export const printCss = (): string => (css ??= readFileSync(join(appRoot(), 'resources', 'print', 'print.css'), 'utf8'));

/** Page margins in mm: the Word file's (layout.ts), so both break their pages alike. */
export const PAGE_MARGIN_MM = { top: MARGIN_MM, right: MARGIN_MM, bottom: MARGIN_MM, left: MARGIN_MM } as const;

export function pageCss(meta: Pick<DocMeta, 'paper' | 'orientation' | 'font'>): string {
  const m = PAGE_MARGIN_MM;
  return `@page { size: ${meta.paper} ${meta.orientation}; margin: ${m.top}mm ${m.right}mm ${m.bottom}mm ${m.left}mm; }
html, body { margin: 0; padding: 0; background: #fff; }
.print-doc { font-family: ${cssFontStack(meta.font)}; }`;
}

/** A complete HTML document for printing: no script, no remote resources (CSP). */
export function printDocument(meta: DocMeta, body: string): string {
  const { width } = pageSizeMm(meta.paper, meta.orientation);
  return `<!doctype html>
<html lang="ja"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>${esc(meta.title)}</title>
<meta name="viewport" content="width=${width}mm">
<style>${printCss()}</style>
<style>${pageCss(meta)}</style>
</head><body><div class="print-doc paper-${meta.paper}">${body}</div></body></html>`;
}

/**
 * Title block shared by the templates, in the Word file's order: the meeting top right (where a
 * handout's 資料 line is), the title, the period in brackets, 作成日.
 */
export function titleBlock(meta: DocMeta): string {
  return [
    meta.meetingLine ? `<p class="meeting">${esc(meta.meetingLine)}</p>` : '',
    `<h1>${esc(meta.title)}</h1>`,
    meta.periodLine ? `<p class="period">(${esc(meta.periodLine)})</p>` : '',
    `<p class="created">${esc(meta.createdLine)}</p>`,
  ].join('');
}
