// Finds a Chromium for printing PDFs outside Electron (the CLI, the browser preview, the tests):
// CHROME_PATH, else the usual install locations. In the desktop app Electron prints instead.
import { existsSync } from 'node:fs';

const CANDIDATES = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe',
  'C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe',
  'C:\\Program Files\\Microsoft\\Edge\\Application\\msedge.exe',
];

export function findChromium(): string {
  const fromEnv = process.env.CHROME_PATH;
  if (fromEnv) {
    if (!existsSync(fromEnv)) throw new Error(`CHROME_PATH=${fromEnv} がありません`);
    return fromEnv;
  }
  const found = CANDIDATES.find((c) => existsSync(c));
  if (!found) {
    throw new Error(
      'PDFの印刷に使うChromium (またはEdge/Chrome) が見つかりません。Debianでは `apt-get install -y chromium fonts-noto-cjk`、または環境変数 CHROME_PATH に実行ファイルを指定してください',
    );
  }
  return found;
}

/** Flags for a headless Chromium on a closed network: nothing phones home. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
