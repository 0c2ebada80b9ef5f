import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { CDPSession, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { courseMarkdown, sections } from '../helpers/portfolio.js';
import { cursorAt, openInStudio, type StudioSession } from './session.js';

/** Completion where a student types: a new front-matter line, and the choices after a key's colon, full-width included. */
let session: StudioSession;
let page: Page;
let cdp: CDPSession;

const line = (n: number) => page.evaluate((i) => document.querySelectorAll('.cm-line')[i - 1]?.textContent, n);
const completions = () => page.$$eval('.cm-tooltip-autocomplete .cm-completionLabel', (labels) => labels.map((l) => l.textContent));

/** A new empty line after 1-based line `after` (in the front matter for the first lines). */
async function newLineAfter(after: number): Promise<void> {
  await cursorAt(page, after);
  await page.keyboard.press('Enter');
}

/** Removes the line the cursor is on, back to the text of the portfolio. */
async function dropLine(): Promise<void> {
  await page.keyboard.press('Escape');
  await page.keyboard.down('Shift');
  await page.keyboard.press('Home');
  await page.keyboard.up('Shift');
  await page.keyboard.press('Backspace');
  await page.keyboard.press('Backspace');
}

beforeAll(async () => {
  session = await openInStudio({ 'courses/a.md': courseMarkdown(sections) }, 'courses/a.md');
  page = session.page;
  cdp = await page.createCDPSession();
});
afterAll(() => session?.close());

describe('completion as a student types', () => {
  it('opens with the keys when a key is begun on an empty front-matter line, in English or through a Chinese input method', async () => {
    await newLineAfter(2);
    await page.keyboard.type('t');
    await page.waitForSelector('.cm-tooltip-autocomplete', { timeout: 10_000 });
    expect(await completions()).toContain('title');
    await dropLine();
    await newLineAfter(2);
    // 注音: the keys typed show as a composition, then the chosen character is committed.
    await cdp.send('Input.imeSetComposition', { text: 'ㄒㄩㄝˊ', selectionStart: 4, selectionEnd: 4 });
    await cdp.send('Input.insertText', { text: '學' });
    await page.waitForFunction(() => document.querySelector('.cm-tooltip-autocomplete')?.textContent?.includes('學分數'), { timeout: 10_000 });
    await dropLine();
  });

  it('turns a full-width colon typed after a key into ": " and opens the key\'s choices', async () => {
    await newLineAfter(2);
    await page.keyboard.type('類別：');
    await page.waitForFunction(() => document.querySelector('.cm-tooltip-autocomplete')?.textContent?.includes('B-1'), { timeout: 10_000 });
    expect(await line(3)).toBe('類別: ');
    // CodeMirror lets keys through to the text for 75 ms after its popup opens (interactionDelay).
    await new Promise((wait) => setTimeout(wait, 150));
    await page.keyboard.press('ArrowDown');
    await page.waitForFunction(() => document.querySelector('.cm-tooltip-autocomplete li[aria-selected="true"] .cm-completionLabel')?.textContent === 'B-2');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.querySelectorAll('.cm-line')[2]?.textContent === '類別: B-2');
    await dropLine();
  });

  it('gives the full-width colon back on Ctrl+Z, and leaves it alone in the text of the document', async () => {
    await newLineAfter(2);
    await page.keyboard.type('學期：');
    await page.waitForFunction(() => document.querySelectorAll('.cm-line')[2]?.textContent === '學期: ');
    await page.keyboard.press('Escape');
    await page.keyboard.down('Control');
    await page.keyboard.press('z');
    await page.keyboard.up('Control');
    expect(await line(3)).toBe('學期：');
    await dropLine();
    await page.keyboard.down('Control');
    await page.keyboard.press('End');
    await page.keyboard.up('Control');
    await page.keyboard.type('注意：');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.querySelector('.cm-content')?.textContent)).toContain('注意：');
    // Nothing of it was saved: the file on disk is as it was.
    expect(await readFile(join(session.root, 'courses', 'a.md'), 'utf8')).toBe(courseMarkdown(sections));
  });
});
