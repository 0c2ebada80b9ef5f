import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import { PDFDocument } from 'pdf-lib';
import { launchBrowser, type TestBrowser } from '../helpers/browser.js';
import { servePreview, type HarnessWindow, type PreviewHarness } from './preview-harness.js';
import { bannerAfterMs } from '../../web/preview/preview.js';

/**
 * The banner over a draft (a document with errors) in the preview page every client shares: it
 * waits for the errors to stand, so a preview of a half-typed line, fixed by the next key, does
 * not make it flicker; it goes at once when the errors are fixed.
 */
let harness: PreviewHarness;
let browser: TestBrowser;
let page: Page;
let pdf: string;

beforeAll(async () => {
  const document = await PDFDocument.create();
  document.addPage([595.28, 841.89]);
  pdf = Buffer.from(await document.save()).toString('base64');
  [harness, browser] = await Promise.all([servePreview(), launchBrowser()]);
  page = await browser.browser.newPage();
  await page.goto(harness.url);
  await page.waitForFunction(() => 'preview' in window);
  // Every time the banner is seen shown, from now on.
  await page.evaluate(() => {
    const seen: string[] = [];
    (window as unknown as { bannerSeen: string[] }).bannerSeen = seen;
    const draft = document.querySelector<HTMLElement>('.lp-draft')!;
    new MutationObserver(() => !draft.hidden && seen.push(draft.textContent ?? '')).observe(draft, {
      attributes: true,
      childList: true,
      characterData: true,
      subtree: true,
    });
  });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await harness?.close();
});

/** Shows the PDF as `version`, with `banner` or none, and returns when the page has it. */
const show = (version: number, banner?: string) =>
  page.evaluate(
    (data, v, b) =>
      (window as unknown as HarnessWindow).preview.show(
        Uint8Array.from(atob(data), (c) => c.charCodeAt(0)),
        [],
        v,
        b,
      ),
    pdf,
    version,
    banner,
  );
const seen = () => page.evaluate(() => (window as unknown as { bannerSeen: string[] }).bannerSeen.slice());
const shown = () => page.$eval('.lp-draft', (b) => !(b as HTMLElement).hidden);

describe('the draft banner', () => {
  it('does not come for errors the next preview fixes, comes for errors that stand, and goes at once when fixed', async () => {
    await show(1);
    // A half-typed heading's preview, then the next key's, without the error.
    await show(2, '有 1 個錯誤，修正後才能建置');
    await show(3);
    await new Promise((resolve) => setTimeout(resolve, bannerAfterMs + 400));
    expect(await seen()).toEqual([]);

    const start = Date.now();
    await show(4, '有 1 個錯誤，修正後才能建置');
    await page.waitForFunction(() => !document.querySelector<HTMLElement>('.lp-draft')!.hidden, { timeout: 10_000 });
    expect(Date.now() - start).toBeGreaterThanOrEqual(bannerAfterMs - 50);
    expect(await seen()).toContain('有 1 個錯誤，修正後才能建置');

    // Up already: a new count at once.
    await show(5, '有 2 個錯誤，修正後才能建置');
    expect(await page.$eval('.lp-draft', (b) => b.textContent)).toBe('有 2 個錯誤，修正後才能建置');
    await show(6);
    expect(await shown()).toBe(false);
  }, 60_000);
});
