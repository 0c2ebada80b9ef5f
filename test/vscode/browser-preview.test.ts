import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request } from 'node:http';
import { join } from 'node:path';
import type { Page } from 'puppeteer-core';
import { startBrowserPreview, type BrowserPreview } from '../../editors/vscode/src/browser-preview.js';
import type { PreviewResult } from '../../editors/vscode/src/protocol.js';
import { launchBrowser, type TestBrowser } from '../helpers/browser.js';
import { fileUri, startLsp, type LspClient } from '../helpers/lsp-client.js';
import { courseMarkdown, makePortfolio, reflection, sections } from '../helpers/portfolio.js';

const pageDir = join(import.meta.dirname, '..', '..', 'dist', 'web', 'preview');
let lsp: LspClient;
let browser: TestBrowser;
let live: BrowserPreview;
let page: Page;
let result: PreviewResult;
const reveals: number[] = [];
const text = courseMarkdown(sections);

/** A raw request with the headers a browser on another site (or a rebinding DNS name) would send. */
function send(url: string, method: string, headers: Record<string, string>, body = ''): Promise<number> {
  return new Promise((resolve, reject) => {
    const sent = request(url, { method, headers }, (response) => {
      response.resume();
      resolve(response.statusCode!);
    });
    sent.on('error', reject);
    sent.end(body);
  });
}

beforeAll(async () => {
  const root = await makePortfolio({ 'courses/a.md': text });
  const uri = fileUri(join(root, 'courses', 'a.md'));
  [lsp, browser, live] = await Promise.all([
    startLsp(root),
    launchBrowser(),
    startBrowserPreview({ pageDir, lang: 'zh', onReveal: (line) => reveals.push(line) }),
  ]);
  await lsp.open(uri, text);
  result = await lsp.connection.sendRequest<PreviewResult>('licheng/preview', { textDocument: { uri } });
  page = await browser.browser.newPage();
  await page.setViewport({ width: 800, height: 600 });
});

afterAll(async () => {
  await lsp?.shutdown();
  await live?.close();
  await browser?.close();
});

describe('the preview in a browser tab (open in browser)', () => {
  it('shows the latest PDF to a tab that opens after it was sent, and follows the cursor', async () => {
    live.post({ type: 'preview', pdf: Buffer.from(result.pdf!, 'base64'), map: result.map, version: result.version });
    await page.goto(live.url);
    await page.waitForSelector('.lp-page canvas');
    expect(await page.$$eval('.lp-page', (pages) => pages.length)).toBe(result.pages);
    const line = text.split('\n').findIndex((l) => l.includes(reflection.slice(0, 10)));
    live.post({ type: 'reveal', line });
    await page.waitForSelector(`.lp-block[data-start-line="${line}"].lp-flash`);
  });

  it('sends a click on a block back as its source line', async () => {
    const block = (await page.$('.lp-block'))!;
    const line = Number(await block.evaluate((b) => (b as HTMLElement).dataset.startLine));
    await block.scrollIntoView();
    const box = (await block.boundingBox())!;
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    await expect.poll(() => reveals).toEqual([line]);
  });

  it('answers only its token, its own Host and its own Origin', async () => {
    const { origin, pathname } = new URL(live.url);
    const host = origin.slice('http://'.length);
    expect(await send(live.url, 'GET', { host })).toBe(200);
    expect(await send(`${origin}/wrong-token/`, 'GET', { host })).toBe(404);
    expect(await send(live.url, 'GET', { host: `evil.example:${new URL(live.url).port}` })).toBe(403);
    const reveal = `${origin}${pathname}reveal`;
    expect(await send(reveal, 'POST', { host, origin: 'http://evil.example', 'content-type': 'application/json' }, '{"line":3}')).toBe(403);
    expect(await send(reveal, 'POST', { host, origin, 'content-type': 'application/json' }, '{"line":"x"}')).toBe(400);
    expect(await send(`${origin}${pathname}../package.json`, 'GET', { host })).toBe(404);
    expect(reveals).not.toContain(3);
  });
});
