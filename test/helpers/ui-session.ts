// One UI test file's session: a sample database, the preview server on it, Chromium and a page.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { launchChromium } from './browser';
import { startPreview, type RunningPreview } from './preview';
import type { Db } from '../../db/open';
import { sampleDb, tempDbPath } from './temp';

export interface UiSession {
  page: Page;
  preview: RunningPreview;
  browser: Browser;
}

/** Registers beforeAll/afterAll hooks; the returned object is filled in before the tests run. */
export function useSamplePage(viewport = { width: 1440, height: 900 }, prepare?: (db: Db) => void): UiSession {
  const session = {} as UiSession;
  beforeAll(async () => {
    const file = tempDbPath();
    const db = await sampleDb(file);
    prepare?.(db); // more data for this file's tests, written before the preview opens the file
    db.close();
    session.preview = await startPreview(file);
    session.browser = await launchChromium();
    session.page = await session.browser.newPage({ viewport });
    await session.page.goto(session.preview.url);
    await session.page.locator('[role=row][aria-rowindex="2"] [role=gridcell]').first().waitFor();
  });
  afterAll(async () => {
    await session.browser?.close();
    await session.preview?.stop();
  });
  return session;
}
