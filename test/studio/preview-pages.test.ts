import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { courseMarkdown, reflection } from '../helpers/portfolio.js';
import { openInStudio, type StudioSession } from './session.js';

/** A long course outcome in the studio: what a keystroke redraws in the preview, and in which order. */
let session: StudioSession;
let page: Page;

const weeks = Array.from({ length: 60 }, (_, i) => `第 ${i + 1} 週：${reflection}`).join('\n\n');
const long = courseMarkdown(`## 課程說明\n\n說明文字。\n\n## 學習過程\n\n${weeks}\n\n## 心得與反思\n\n${reflection}\n`);

interface Drawn {
  page: number;
  version: number;
  inView: boolean;
  /** Pictures on all sheets right after this one landed. */
  pictures: number;
}

const shownVersion = () => page.$eval('.licheng-preview', (el) => Number((el as HTMLElement).dataset.version));
/** Every sheet shows the version at the top of the preview. */
const allDrawn = () =>
  page.evaluate(() => {
    const version = (document.querySelector('.licheng-preview') as HTMLElement).dataset.version;
    return [...document.querySelectorAll<HTMLElement>('.lp-page')].every((sheet) => sheet.dataset.drawn?.startsWith(`${version}@`));
  });

beforeAll(async () => {
  session = await openInStudio({ 'courses/long.md': long }, 'courses/long.md');
  page = session.page;
  await page.waitForSelector('.lp-page canvas', { timeout: 30_000 });
});
afterAll(() => session?.close());

describe('the studio preview of a long document', () => {
  it('has a picture on every page once opened (those off screen drawn after a pause)', async () => {
    const sheets = await page.$$eval('.lp-page', (all) => all.length);
    expect(sheets).toBeGreaterThanOrEqual(5);
    await page.waitForFunction(() => document.querySelectorAll('.lp-page canvas').length === document.querySelectorAll('.lp-page').length, { timeout: 20_000 });
    expect(await allDrawn()).toBe(true);
  });

  it('after a keystroke draws the page in view first, never blanks a page, and never puts an older version over a newer one', async () => {
    // The cursor at the end of the text scrolls the preview to the last page.
    await page.click('.cm-content');
    await page.keyboard.down('Control');
    await page.keyboard.press('End');
    await page.keyboard.up('Control');
    await page.waitForFunction(() => {
      const scroller = document.querySelector('.lp-scroller')!;
      return scroller.scrollTop + scroller.clientHeight >= scroller.scrollHeight - 40;
    });
    await page.evaluate(() => {
      const w = window as unknown as { drawn: Drawn[] };
      w.drawn = [];
      const scroller = document.querySelector('.lp-scroller')!;
      new MutationObserver((records) => {
        for (const record of records)
          for (const node of record.addedNodes) {
            const sheet = (node as HTMLElement).parentElement;
            if (!(node instanceof HTMLCanvasElement) || !sheet?.classList.contains('lp-page')) continue;
            const view = scroller.getBoundingClientRect();
            const box = sheet.getBoundingClientRect();
            w.drawn.push({
              page: Number(sheet.dataset.page),
              version: Number(sheet.dataset.drawn!.split('@')[0]),
              inView: box.bottom > view.top && box.top < view.bottom,
              pictures: document.querySelectorAll('.lp-page canvas').length,
            });
          }
      }).observe(document.querySelector('.lp-pages')!, { childList: true, subtree: true });
    });
    const sheetsBefore = await page.$$eval('.lp-page', (all) => all.length);
    const before = await shownVersion();
    await page.keyboard.type('第六十一週。');
    await page.waitForFunction((old) => Number((document.querySelector('.licheng-preview') as HTMLElement).dataset.version) > old, { timeout: 20_000 }, before);
    // Typing on in a burst: each answer replaces what is left to draw of the one before. The version
    // shown before the burst is taken first: the last answer may land before typing is seen done.
    const beforeBurst = await shownVersion();
    await page.keyboard.type('再補一句，寫得更清楚。', { delay: 5 });
    await page.waitForFunction(() => document.querySelector('.cm-content')?.textContent?.includes('寫得更清楚。'));
    await page.waitForFunction(
      (old) => Number((document.querySelector('.licheng-preview') as HTMLElement).dataset.version) > old,
      { timeout: 20_000 },
      beforeBurst,
    );
    // The log of draws and the number of pages, taken in one step once every page shows the version
    // at the top: a preview still on its way (late on a loaded machine) may land any moment after.
    const settled = await page.waitForFunction(
      () => {
        const version = (document.querySelector('.licheng-preview') as HTMLElement).dataset.version;
        const sheets = [...document.querySelectorAll<HTMLElement>('.lp-page')];
        if (!sheets.every((sheet) => sheet.dataset.drawn?.startsWith(`${version}@`))) return false;
        return { draws: (window as unknown as { drawn: Drawn[] }).drawn, pages: sheets.length };
      },
      { timeout: 30_000 },
    );
    const { draws, pages } = (await settled.jsonValue()) as { draws: Drawn[]; pages: number };
    const versions = [...new Set(draws.map((d) => d.version))];
    expect(versions.length).toBeGreaterThan(1);
    // Versions only go forward.
    expect(draws.map((d) => d.version)).toEqual(draws.map((d) => d.version).sort((a, b) => a - b));
    for (const version of versions) {
      const ofVersion = draws.filter((d) => d.version === version);
      // The page the student reads comes first; pages off screen only after every page on screen.
      expect(ofVersion[0]!.inView).toBe(true);
      const firstOff = ofVersion.findIndex((d) => !d.inView);
      if (firstOff >= 0) expect(ofVersion.slice(firstOff).every((d) => !d.inView)).toBe(true);
      expect(ofVersion.filter((d) => d.inView).length).toBeLessThanOrEqual(2);
    }
    // The last version reached every page once typing stopped; no page went blank on the way.
    expect(new Set(draws.filter((d) => d.version === versions.at(-1)).map((d) => d.page)).size).toBe(pages);
    expect(Math.min(...draws.map((d) => d.pictures))).toBeGreaterThanOrEqual(sheetsBefore);
  });
});
