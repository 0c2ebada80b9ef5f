import type { Page } from 'puppeteer-core';
import { startStudio, type Studio } from '../../src/studio/server.js';
import { launchBrowser, type TestBrowser } from '../helpers/browser.js';
import { makePortfolio } from '../helpers/portfolio.js';

export interface StudioSession {
  root: string;
  studio: Studio;
  page: Page;
  close(): Promise<void>;
}

/** A portfolio of these files in the studio, in real Chromium at a laptop's size, with `path` open in the editor. */
export async function openInStudio(files: Record<string, string>, path: string): Promise<StudioSession> {
  const root = await makePortfolio(files);
  const studio = await startStudio({ root, lang: 'zh' });
  let chromium: TestBrowser | undefined;
  try {
    chromium = await launchBrowser();
    const page = await chromium.browser.newPage();
    await page.setViewport({ width: 1366, height: 768 });
    await page.goto(studio.url);
    const file = await page.waitForSelector(`button.file[data-path="${path}"]`);
    await file!.click();
    await page.waitForSelector('.cm-content');
    const opened = chromium;
    return {
      root,
      studio,
      page,
      async close() {
        await opened.close();
        await studio.close();
      },
    };
  } catch (error) {
    await chromium?.close();
    await studio.close();
    throw error;
  }
}

/** The editor's cursor on a 1-based line, after its first `column` characters (at its end without one). */
export async function cursorAt(page: Page, line: number, column?: number): Promise<void> {
  await page.click('.cm-content');
  await page.keyboard.down('Control');
  await page.keyboard.press('Home');
  await page.keyboard.up('Control');
  for (let i = 1; i < line; i++) await page.keyboard.press('ArrowDown');
  if (column === undefined) return page.keyboard.press('End');
  await page.keyboard.press('Home');
  for (let i = 0; i < column; i++) await page.keyboard.press('ArrowRight');
}

/** Text pasted into the editor at the cursor, as from another program. */
export async function paste(page: Page, text: string): Promise<void> {
  await page.evaluate((pasted) => {
    const data = new DataTransfer();
    data.setData('text/plain', pasted);
    document.querySelector('.cm-content')!.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, text);
}
