// Prints HTML to PDF with a system Chromium through playwright-core: the CLI, the browser
// preview and the tests. One browser is started on first use and reused; every request other
// than the document itself is refused (no network, ever).
//
// playwright-core is a development dependency: the desktop app prints with Electron's own
// printToPDF and does not ship it. It is loaded here only when a PDF is printed, and its absence
// (an install without dev dependencies) is said in Japanese instead of a module error.
import type { Browser } from 'playwright-core';
import { CHROMIUM_ARGS, findChromium } from './find-chromium.js';
import { FOOTER_TEMPLATE, HEADER_TEMPLATE, type PdfPage, type PdfPrinter } from './print-settings.js';

export const PLAYWRIGHT_MISSING =
  'PDFの出力に使う playwright-core が入っていません (開発用の依存関係です)。リポジトリで npm ci を実行するか、Word (.docx) で出力してください。デスクトップアプリでは不要です';

async function loadPlaywright(): Promise<typeof import('playwright-core')> {
  try {
    return await import('playwright-core');
  } catch (e) {
    if ((e as { code?: string }).code === 'ERR_MODULE_NOT_FOUND') throw new Error(PLAYWRIGHT_MISSING);
    throw e;
  }
}

export function chromiumPrinter(): PdfPrinter {
  let browser: Promise<Browser> | undefined;
  const start = () => (browser ??= loadPlaywright().then(({ chromium }) => chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS })));
  return {
    async print(html: string, page: PdfPage): Promise<Uint8Array> {
      const context = await (await start()).newContext({ offline: true });
      try {
        const tab = await context.newPage();
        await tab.route('**/*', (route) => route.abort());
        await tab.setContent(html, { waitUntil: 'load' });
        await tab.evaluate('document.fonts.ready');
        const pdf = await tab.pdf({
          format: page.paper,
          landscape: page.orientation === 'landscape',
          printBackground: true,
          preferCSSPageSize: true,
          displayHeaderFooter: true,
          headerTemplate: HEADER_TEMPLATE,
          footerTemplate: FOOTER_TEMPLATE,
        });
        return new Uint8Array(pdf);
      } finally {
        await context.close();
      }
    },
    async close(): Promise<void> {
      if (browser) await (await browser).close();
      browser = undefined;
    },
  };
}
