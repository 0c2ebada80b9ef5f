import type { Page } from 'puppeteer-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { courseMarkdown, sections } from '../helpers/portfolio.js';
import { openInStudio, type StudioSession } from './session.js';

/** A photo dropped where a student drops it: anywhere on the text, the front matter included. */
let session: StudioSession;
let page: Page;

beforeAll(async () => {
  session = await openInStudio({ 'courses/a.md': courseMarkdown(sections) }, 'courses/a.md');
  page = session.page;
});
afterAll(() => session?.close());

describe('a photo dropped on the front matter', () => {
  it('goes to the first line after it, leaving every field as it was', async () => {
    const png = await sharp({ create: { width: 400, height: 300, channels: 3, background: { r: 40, g: 120, b: 200 } } })
      .png()
      .toBuffer();
    // The third line of the text: 類別 in the front matter.
    const line = (await (await page.$$('.cm-line'))[2]!.boundingBox())!;
    await page.evaluate(
      async (base64, x, y) => {
        const transfer = new DataTransfer();
        transfer.items.add(new File([Uint8Array.from(atob(base64), (c) => c.charCodeAt(0))], '實驗.png', { type: 'image/png' }));
        const target = document.querySelector('.cm-content')!;
        for (const type of ['dragover', 'drop'])
          target.dispatchEvent(new DragEvent(type, { dataTransfer: transfer, clientX: x, clientY: y, bubbles: true, cancelable: true }));
      },
      png.toString('base64'),
      line.x + 40,
      line.y + line.height / 2,
    );
    await page.waitForFunction(() => document.querySelector('.cm-content')?.textContent?.includes('![](../media/實驗.png)'), { timeout: 30_000 });
    const lines = await page.$$eval('.cm-line', (all) => all.map((l) => l.textContent));
    const closing = lines.indexOf('---', 1);
    expect(lines.slice(0, closing + 1).join('\n')).toBe(
      courseMarkdown(sections)
        .split('\n')
        .slice(0, closing + 1)
        .join('\n'),
    );
    expect(lines.slice(closing + 1, closing + 4)).toEqual(['', '![](../media/實驗.png)', '']);
    await page.waitForFunction(() => document.querySelector('.problems .ok'), { timeout: 20_000 });
  });
});
