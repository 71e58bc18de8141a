// What the process serving the contract brings for exports: a PDF printer and a way to hand a
// finished file to the user — Electron's Save dialog in the app, a download in the browser
// preview, a folder in the tests. Plain types, no `electron` import.
import type { ExportFile } from '../services/export/export-file.js';
import type { Delivery } from '../services/export/jobs.js';
import type { PdfPrinter } from '../services/export/pdf/print-settings.js';

export interface Host {
  printer?: PdfPrinter;
  deliver(file: ExportFile): Promise<Delivery>;
  /** The app's folder or file chooser (backups, restore); absent in the browser preview. Null: cancelled. */
  pick?(what: 'folder' | 'file'): string | null;
  /** The app's OS-protected store for a PostgreSQL share's password (safeStorage); absent in the preview. */
  savePgPassword?(url: string, password: string): void;
}
