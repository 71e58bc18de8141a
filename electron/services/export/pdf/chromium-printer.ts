// Prints HTML to PDF with a system Chromium through playwright-core: the CLI, the browser
// preview and the tests. One browser is started on first use and reused; every request other
// than the document itself is refused (no network, ever).
import { chromium, type Browser } from 'playwright-core';
import { CHROMIUM_ARGS, findChromium } from './find-chromium.js';
import { footerTemplate, headerTemplate, type PdfPage, type PdfPrinter } from './print-settings.js';

export function chromiumPrinter(): PdfPrinter {
  let browser: Promise<Browser> | undefined;
  const start = () => (browser ??= chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS }));
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
          headerTemplate: headerTemplate(page),
          footerTemplate: footerTemplate(page),
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
