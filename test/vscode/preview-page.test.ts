import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import type { Page } from 'puppeteer-core';
import { launchBrowser, type TestBrowser } from '../helpers/browser.js';
import { fileUri, startLsp, type LspClient } from '../helpers/lsp-client.js';
import { courseMarkdown, makePortfolio, reflection } from '../helpers/portfolio.js';
import { servePreview, type HarnessWindow, type PreviewHarness } from './preview-harness.js';
import type { PreviewResult } from '../../editors/vscode/src/protocol.js';

/** Enough text for two pages, each paragraph on a line of its own. */
const paragraphs = Array.from({ length: 14 }, (_, i) => `第 ${i + 1} 段：我們把每一次量測的條件記錄下來，比較不同做法的結果，再決定下一步怎麼改。`.repeat(3));
const body = (first: string) => `## 課程說明\n\n${first}\n\n## 學習過程\n\n${paragraphs.join('\n\n')}\n\n## 心得與反思\n\n${reflection}\n`;
const lineOf = (text: string, needle: string) => text.split('\n').findIndex((line) => line.includes(needle));

let lsp: LspClient;
let harness: PreviewHarness;
let browser: TestBrowser;
let page: Page;
let uri: string;
const before = courseMarkdown(body('說明文字。'));
const after = courseMarkdown(body('這一段是改過的說明，比原本長得多，排版後第一頁看起來一定不同。'));

async function preview(): Promise<PreviewResult> {
  return lsp.connection.sendRequest<PreviewResult>('licheng/preview', { textDocument: { uri } });
}

async function show(result: PreviewResult, version = result.version): Promise<void> {
  expect(result.pdf, result.reason).not.toBeNull();
  await page.evaluate((pdf, map, v) => (window as unknown as HarnessWindow).show(pdf, map, v), result.pdf!, result.map, version);
}

/** The first page's pixels as the browser drew them. */
const firstPagePixels = () => page.$eval('.lp-page canvas', (canvas) => (canvas as HTMLCanvasElement).toDataURL());

beforeAll(async () => {
  const root = await makePortfolio({ 'courses/a.md': before });
  uri = fileUri(join(root, 'courses', 'a.md'));
  [lsp, harness, browser] = await Promise.all([startLsp(root), servePreview(), launchBrowser()]);
  await lsp.open(uri, before);
  page = await browser.browser.newPage();
  await page.setViewport({ width: 820, height: 640 });
  await page.goto(harness.url);
  await page.waitForFunction(() => 'show' in window);
});

afterAll(async () => {
  await lsp?.shutdown();
  await browser?.close();
  await harness?.close();
});

describe('the preview page (real Chromium, PDF from the language server)', () => {
  it('draws every page of the PDF, each with a thumbnail', async () => {
    const result = await preview();
    expect(result.pages).toBeGreaterThan(1);
    await show(result);
    expect(await page.$$eval('.lp-page', (pages) => pages.length)).toBe(result.pages);
    expect(await page.$$eval('.lp-thumbnail', (thumbnails) => thumbnails.length)).toBe(result.pages);
    const inked = await page.$eval('.lp-page canvas', (canvas) => {
      const c = canvas as HTMLCanvasElement;
      const data = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
      let dark = 0;
      for (let i = 0; i < data.length; i += 4) if (data[i]! < 128) dark++;
      return dark;
    });
    expect(inked).toBeGreaterThan(1000);
    await page.screenshot({ path: join(tmpdir(), 'licheng-preview-page.png') });
  });

  it('an edit changes the drawn page and keeps the place in the document', async () => {
    await show(await preview());
    const original = await firstPagePixels();
    await page.$eval('.lp-scroller', (scroller) => (scroller.scrollTop = 700));
    await lsp.change(uri, after);
    await show(await preview());
    expect(await firstPagePixels()).not.toBe(original);
    expect(await page.$eval('.lp-scroller', (scroller) => scroller.scrollTop)).toBeCloseTo(700, -1);
    await lsp.change(uri, before);
    const back = await preview();
    await show(back);
    expect(await firstPagePixels()).toBe(original);
    // An answer that arrives late (an older version) does not replace a newer one.
    await lsp.change(uri, after);
    await show(await preview(), back.version - 1);
    expect(await firstPagePixels()).toBe(original);
  });

  it('a click on a paragraph reports its source line', async () => {
    const text = lsp.text(uri);
    const line = lineOf(text, '第 3 段');
    await show(await preview());
    const target = await page.$(`.lp-block[data-start-line="${line}"]`);
    expect(target).not.toBeNull();
    await target!.scrollIntoView();
    const box = (await target!.boundingBox())!;
    await page.evaluate(() => ((window as unknown as HarnessWindow).reveals = []));
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    expect(await page.evaluate(() => (window as unknown as HarnessWindow).reveals)).toEqual([line]);
  });

  it('revealLine scrolls the block of a source line into view and marks it', async () => {
    const text = lsp.text(uri);
    const line = lineOf(text, reflection.slice(0, 10));
    await page.$eval('.lp-scroller', (scroller) => (scroller.scrollTop = 0));
    await page.evaluate((l) => (window as unknown as HarnessWindow).preview.revealLine(l), line);
    const seen = await page.$eval(`.lp-block[data-start-line="${line}"]`, (block) => {
      const box = block.getBoundingClientRect();
      return { top: box.top, bottom: box.bottom, height: window.innerHeight, flashing: block.classList.contains('lp-flash') };
    });
    expect(seen.top).toBeGreaterThanOrEqual(0);
    expect(seen.bottom).toBeLessThanOrEqual(seen.height);
    expect(seen.flashing).toBe(true);
    expect(await page.$eval('.lp-scroller', (scroller) => scroller.scrollTop)).toBeGreaterThan(0);
    // Typing on in the same paragraph moves the cursor again: no new mark.
    const marked = `.lp-block[data-start-line="${line}"]`;
    await page.$eval(marked, (block) => block.classList.remove('lp-flash'));
    await page.evaluate((l) => (window as unknown as HarnessWindow).preview.revealLine(l), line);
    expect(await page.$eval(marked, (block) => block.classList.contains('lp-flash'))).toBe(false);
  });

  it('works as the VS Code panel: under its content policy, fed by messages, clicks posted back', async () => {
    const panel = await browser.browser.newPage();
    const blocked: string[] = [];
    panel.on('console', (message) => /Content.Security.Policy|Refused/i.test(message.text()) && blocked.push(message.text()));
    await panel.goto(`${harness.url}webview.html`);
    await panel.waitForFunction(() => (window as unknown as HarnessWindow).posted.some((m) => m.type === 'ready'));
    await lsp.change(uri, before);
    const result = await preview();
    await panel.evaluate(
      (pdf, map, version) => {
        const bytes = Uint8Array.from(atob(pdf), (c) => c.charCodeAt(0));
        window.postMessage({ type: 'preview', pdf: bytes, map, version });
      },
      result.pdf!,
      result.map,
      result.version,
    );
    await panel.waitForSelector('.lp-page canvas');
    expect(await panel.$$eval('.lp-page', (pages) => pages.length)).toBe(result.pages);
    const block = (await panel.$('.lp-block'))!;
    const line = Number(await block.evaluate((b) => (b as HTMLElement).dataset.startLine));
    const box = (await block.boundingBox())!;
    await panel.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    expect(await panel.evaluate(() => (window as unknown as HarnessWindow).posted.at(-1))).toEqual({ type: 'reveal', line });
    expect(blocked).toEqual([]);
    await panel.close();
  });

  it('keeps the last PDF and says why when the text cannot be typeset; English on request', async () => {
    await lsp.change(uri, courseMarkdown(body('說明。'), { 學期: '3' }));
    const failed = await preview();
    expect(failed.pdf).toBeNull();
    await page.evaluate((reason) => (window as unknown as HarnessWindow).preview.showReason(reason), failed.reason!);
    expect(await page.$eval('.lp-notice', (notice) => [(notice as HTMLElement).hidden, notice.textContent])).toEqual([
      false,
      expect.stringContaining(failed.reason!),
    ]);
    expect(await page.$$eval('.lp-page', (pages) => pages.length)).toBeGreaterThan(0);

    const english = await browser.browser.newPage();
    await english.goto(`${harness.url}?lang=en`);
    await english.waitForFunction(() => 'show' in window);
    await lsp.change(uri, before);
    const result = await preview();
    await english.evaluate((pdf, map, v) => (window as unknown as HarnessWindow).show(pdf, map, v), result.pdf!, result.map, result.version);
    expect(await english.$eval('.lp-thumbnail', (thumbnail) => (thumbnail as HTMLElement).title)).toBe(`Page 1 of ${result.pages}`);
    await english.close();
  });
});
