// The PDF settings both printers use (Electron's printToPDF and Chromium via playwright-core),
// so a handout looks the same whichever prints it: the CSS @page size, backgrounds on, and the
// "n / N" page number in the bottom margin.
import type { Orientation, Paper } from '../options.js';

export interface PdfPage {
  paper: Paper;
  orientation: Orientation;
}

/** Chromium fills .pageNumber / .totalPages in header and footer templates. */
export const FOOTER_TEMPLATE =
  '<div style="width:100%;text-align:center;font-size:8pt;color:#333;font-family:sans-serif"><span class="pageNumber"></span> / <span class="totalPages"></span></div>';
export const HEADER_TEMPLATE = '<div></div>';

export interface PdfPrinter {
  /** Prints a complete HTML document (see html/document.ts) to PDF bytes. */
  print(html: string, page: PdfPage): Promise<Uint8Array>;
  close(): Promise<void>;
}
