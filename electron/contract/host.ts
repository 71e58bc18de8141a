// What the process serving the contract brings for exports: a PDF printer and a way to hand a
// finished file to the user — Electron's Save dialog in the app, a download in the browser
// preview, a folder in the tests. Plain types, no `electron` import.
import type { ExportFile } from '../services/export/export-file.js';
import type { Delivery } from '../services/export/jobs.js';
import type { PdfPrinter } from '../services/export/pdf/print-settings.js';
import type { PathGate } from './path-gate.js';

export interface Host {
  printer?: PdfPrinter;
  deliver(file: ExportFile): Promise<Delivery>;
  /** The app's folder or file chooser (backups, restore, the share folder); absent in the browser preview. Null: cancelled.
   *  A promise when the contract runs in a worker and the dialog in the main process. */
  pick?(what: 'folder' | 'file'): string | null | Promise<string | null>;
  /** Which paths the page may name (path-gate.ts); without one, only the app's own backup folders. */
  paths?: PathGate;
  /**
   * The app's OS-protected store for a PostgreSQL share's password (safeStorage, in the main
   * process); absent in the preview (the password then lives in the worker's memory only).
   */
  savePgPassword?(url: string, password: string): void | Promise<void>;
  /** Removes a saved password from that store (設定 → 共有 「保存したパスワードを削除」). */
  forgetPgPassword?(url: string): void | Promise<void>;
}
