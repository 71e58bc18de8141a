// The Chromium the UI tests drive: the same finder and flags the PDF printer uses. When none is
// there the tests fail with instructions; they are never skipped silently.
import { chromium, type Browser } from 'playwright-core';
import { CHROMIUM_ARGS, findChromium } from '../../electron/services/export/pdf/find-chromium';

export const findChrome = findChromium;

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS });
}
