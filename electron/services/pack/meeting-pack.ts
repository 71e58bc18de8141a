// The X会議 pack: one PDF per meeting that bundles the chosen handouts behind a cover — the
// meeting's name, its date in 和暦 and the list of materials with the page each starts on —
// with 資料1, 資料2 … in every page's header and page numbers running through the whole bundle,
// which the secretariat assembles by hand today.
//
// Each material is printed by the same templates as its own PDF, with its 資料 number as the
// header and no page numbers of its own; pdf-lib then joins cover and materials and stamps the
// continuous numbers (digits and " / " only, so a standard PDF font does: no Japanese font file
// has to be found or embedded for the stamp).
import type Database from 'better-sqlite3';
import { PDFDocument, StandardFonts, rgb } from 'pdf-lib';
import { formatWarekiPeriod } from '../../../common/wareki.js';
import { DbError } from '../../../db/errors.js';
import { getRound } from '../../../db/queries/rounds.js';
import { cssFontStack, DEFAULT_FONT, type FontName } from '../export/fonts.js';
import { printDocument } from '../export/html/document.js';
import { esc } from '../export/html/escape.js';
import { docMeta, type MadeBy } from '../export/model/meta.js';
import { exportRequestSchema, type ExportRequest } from '../export/options.js';
import type { PdfPrinter } from '../export/pdf/print-settings.js';
import { buildModel, carriedIn, modelBody, pdfPageOf, type Progress } from '../export/run-export.js';
import { carriedWarning } from '../export/model/carried.js';

export type MaterialKind = 'report' | 'compare' | 'org';

export interface PackRequest {
  roundId: number;
  /** 第5回X会議; default 「X会議」. */
  meetingName?: string;
  /** In the order they are numbered 資料1, 資料2 …; default report, compare, org. */
  materials?: MaterialKind[];
  font?: FontName;
  seireki?: boolean;
}

export interface PackResult {
  bytes: Uint8Array;
  fileName: string;
  pages: number;
  materials: { number: number; title: string; firstPage: number; pages: number }[];
  warnings: string[];
}

const MATERIAL_ORDER: MaterialKind[] = ['report', 'compare', 'org'];

function materialRequest(kind: MaterialKind, req: PackRequest): ExportRequest {
  const common = { format: 'pdf', font: req.font ?? DEFAULT_FONT, seireki: req.seireki ?? false };
  return exportRequestSchema.parse(kind === 'compare' ? { kind, ...common } : { kind, roundId: req.roundId, ...common });
}

function coverHtml(req: PackRequest, meetingLine: string, list: PackResult['materials'], by: MadeBy): string {
  const meta = { ...docMeta({ kind: 'report', font: req.font ?? DEFAULT_FONT, seireki: req.seireki ?? false }, req.meetingName ?? 'X会議', undefined, by) };
  const rows = list
    .map((m) => `<tr><th scope="row">資料${m.number}</th><td>${esc(m.title)}</td><td class="num">${m.firstPage}</td></tr>`)
    .join('');
  const body = `<section class="pack-cover">
<h1>${esc(req.meetingName ?? 'X会議')}</h1>
<p class="pack-date">${esc(meetingLine)}</p>
<h2>配付資料</h2>
<table class="pack-list"><colgroup><col class="p12"><col><col class="p12"></colgroup>
<thead><tr><th scope="col">番号</th><th scope="col">資料名</th><th scope="col">ページ</th></tr></thead>
<tbody>${rows}</tbody></table>
<p class="created">${esc(meta.createdLine)}</p>
</section>`;
  return printDocument(meta, body);
}

export async function buildMeetingPack(sqlite: Database.Database, req: PackRequest, printer: PdfPrinter, by: MadeBy & { onProgress?: (p: Progress) => void }): Promise<PackResult> {
  const round = getRound(sqlite, req.roundId);
  if (!round) throw new DbError('NOT_FOUND', `評価回 (id ${req.roundId}) がありません`);
  const kinds = req.materials?.length ? [...new Set(req.materials)] : MATERIAL_ORDER;
  const warnings: string[] = [];
  const total = kinds.length + 2;
  by.onProgress?.({ phase: '資料を印刷しています', done: 0, total });
  // Printed side by side: one browser, a page each.
  let done = 0;
  const printed = await Promise.all(
    kinds.map(async (kind, i) => {
      const m = buildModel(sqlite, materialRequest(kind, req), by);
      if (m.kind === 'grid') throw new Error('unreachable');
      const carried = carriedIn(m);
      if (carried && m.kind !== 'compare') warnings.push(carriedWarning(m.model.round, carried));
      const meta = m.model.meta;
      const pdf = await printer.print(printDocument(meta, modelBody(m)), { ...pdfPageOf(meta), stamp: `資料${i + 1}`, pageNumbers: false });
      by.onProgress?.({ phase: '資料を印刷しています', done: ++done, total });
      return { title: meta.title, pdf: await PDFDocument.load(pdf) };
    }),
  );
  let next = 1;
  const list = printed.map((p, i) => {
    const pages = p.pdf.getPageCount();
    const entry = { number: i + 1, title: p.title, firstPage: next, pages };
    next += pages;
    return entry;
  });
  const meetingLine = round.meetingDate ? `${formatWarekiPeriod(round.meetingDate)}${req.seireki ? ` (${round.meetingDate.slice(0, 4)}年)` : ''}` : round.title;
  const cover = await PDFDocument.load(
    await printer.print(coverHtml(req, meetingLine, list, by), { paper: 'A4', orientation: 'portrait', header: null, fontFamily: cssFontStack(req.font ?? DEFAULT_FONT), pageNumbers: false }),
  );
  by.onProgress?.({ phase: '1つのPDFにまとめています', done: total - 1, total });

  const out = await PDFDocument.create();
  out.setTitle(`${req.meetingName ?? 'X会議'} 資料`);
  out.setCreator('X方針ワークベンチ');
  out.setProducer('X方針ワークベンチ');
  out.setCreationDate(by.now ?? new Date());
  for (const page of await out.copyPages(cover, cover.getPageIndices())) out.addPage(page);
  const font = await out.embedFont(StandardFonts.Helvetica);
  const numbered = next - 1;
  let n = 0;
  for (const p of printed) {
    for (const page of await out.copyPages(p.pdf, p.pdf.getPageIndices())) {
      out.addPage(page);
      n++;
      // Centred in the bottom margin (the materials were printed without numbers of their own).
      const text = `${n} / ${numbered}`;
      const size = 8;
      const { width } = page.getSize();
      page.drawText(text, { x: (width - font.widthOfTextAtSize(text, size)) / 2, y: 28, size, font, color: rgb(0.2, 0.2, 0.2) });
    }
  }
  const bytes = await out.save();
  by.onProgress?.({ phase: '完了しました', done: total, total });
  return {
    bytes,
    fileName: `${(req.meetingName ?? 'X会議').replace(/[\\/:*?"<>|]/g, '_')}_資料_${round.label}.pdf`,
    pages: out.getPageCount(),
    materials: list,
    warnings,
  };
}
