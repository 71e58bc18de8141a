// Exports in the desktop app: PDFs printed by Electron's own Chromium (a hidden, sandboxed
// window without script or preload) and files saved where the user picks in the Save dialog.
import { app, BrowserWindow, dialog } from 'electron';
import { rename, writeFile } from 'node:fs/promises';
import { PRIVATE_WRITE } from '../../db/private-files.js';
import { extname, join } from 'node:path';
import type { Host } from '../contract/host.js';
import { PAGE_MARGIN_MM } from '../services/export/html/document.js';
import { footerTemplate, headerTemplate, type PdfPrinter } from '../services/export/pdf/print-settings.js';

const FILTERS: Record<string, { name: string; extensions: string[] }> = {
  '.docx': { name: 'Word 文書', extensions: ['docx'] },
  '.pdf': { name: 'PDF', extensions: ['pdf'] },
  '.xlsx': { name: 'Excel ブック', extensions: ['xlsx'] },
  '.csv': { name: 'CSV (カンマ区切り)', extensions: ['csv'] },
  '.png': { name: 'PNG 画像', extensions: ['png'] },
};

const mmToInch = (mm: number) => mm / 25.4;

function electronPrinter(): PdfPrinter {
  return {
    async print(html, page) {
      const win = new BrowserWindow({
        show: false,
        webPreferences: { sandbox: true, contextIsolation: true, nodeIntegration: false, javascript: false, webSecurity: true },
      });
      try {
        await win.loadURL(`data:text/html;charset=utf-8;base64,${Buffer.from(html, 'utf8').toString('base64')}`);
        const pdf = await win.webContents.printToPDF({
          pageSize: page.paper,
          landscape: page.orientation === 'landscape',
          printBackground: true,
          preferCSSPageSize: true,
          displayHeaderFooter: true,
          headerTemplate: headerTemplate(page),
          footerTemplate: footerTemplate(page),
          margins: {
            top: mmToInch(PAGE_MARGIN_MM.top),
            bottom: mmToInch(PAGE_MARGIN_MM.bottom),
            left: mmToInch(PAGE_MARGIN_MM.left),
            right: mmToInch(PAGE_MARGIN_MM.right),
          },
        });
        return new Uint8Array(pdf);
      } finally {
        win.destroy();
      }
    },
    close: () => Promise.resolve(),
  };
}

export function electronHost(parent: () => BrowserWindow | undefined): Host {
  return {
    printer: electronPrinter(),
    async deliver(file) {
      const filter = FILTERS[extname(file.fileName)];
      const options = { defaultPath: join(app.getPath('documents'), file.fileName), filters: filter ? [filter] : [] };
      const win = parent();
      const choice = win ? await dialog.showSaveDialog(win, options) : await dialog.showSaveDialog(options);
      if (choice.canceled || !choice.filePath) return { kind: 'cancelled' };
      // Write beside the target, then rename: an existing file is never left half-written.
      const temp = `${choice.filePath}.${process.pid}.tmp`;
      await writeFile(temp, file.bytes, PRIVATE_WRITE);
      await rename(temp, choice.filePath);
      return { kind: 'saved', path: choice.filePath };
    },
  };
}
