import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStudio, type Studio } from '../../src/studio/server.js';
import { launchBrowser, type TestBrowser } from '../helpers/browser.js';
import { courseMarkdown, makePortfolio, sections } from '../helpers/portfolio.js';

/** Quick fixes where a student looks: the problems panel, and Ctrl+. or the light bulb at the cursor's line. */
let studio: Studio;
let chromium: TestBrowser;
let page: Page;

const lineText = (line: number) => page.evaluate((n) => document.querySelectorAll('.cm-line')[n - 1]?.textContent, line);

/** The cursor on a 1-based line, after its first `column` characters. */
async function cursorAt(line: number, column: number): Promise<void> {
  await page.click('.cm-content');
  await page.keyboard.down('Control');
  await page.keyboard.press('Home');
  await page.keyboard.up('Control');
  for (let i = 1; i < line; i++) await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Home');
  for (let i = 0; i < column; i++) await page.keyboard.press('ArrowRight');
}

/**
 * Line 6 is `學期: 1`: its colon made full-width, a mistake the language server knows how to fix.
 * Pasted (from a word processor, say): a `：` typed after a key is corrected as it is typed.
 */
async function breakColon(): Promise<void> {
  await cursorAt(6, 2);
  await page.keyboard.press('Delete');
  await page.keyboard.press('Delete');
  await page.evaluate(() => {
    const data = new DataTransfer();
    data.setData('text/plain', '：');
    document.querySelector('.cm-content')!.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  });
  await page.waitForFunction(() => document.querySelector('.problems')?.textContent?.includes('yaml-syntax'), { timeout: 20_000 });
}

async function expectFixed(): Promise<void> {
  await page.waitForFunction(() => document.querySelectorAll('.cm-line')[5]?.textContent === '學期: 1', { timeout: 10_000 });
  await page.waitForFunction(() => !document.querySelector('.problems')?.textContent?.includes('yaml-syntax'), { timeout: 20_000 });
  expect(await page.$('.problems .fix')).toBeNull();
}

beforeAll(async () => {
  const root = await makePortfolio({ 'courses/a.md': courseMarkdown(sections) });
  studio = await startStudio({ root, lang: 'zh' });
  chromium = await launchBrowser();
  page = await chromium.browser.newPage();
  await page.setViewport({ width: 1366, height: 768 });
  await page.goto(studio.url);
  await page.waitForSelector('button.file[data-path="courses/a.md"]');
  await page.click('button.file[data-path="courses/a.md"]');
  await page.waitForSelector('.cm-content');
});
afterAll(async () => {
  await chromium?.close();
  await studio?.close();
});

describe('quick fixes in the studio', () => {
  it('a 修正 button beside the problem in the problems panel fixes the text and the problem goes', async () => {
    await breakColon();
    const fix = await page.waitForSelector('.problems li:has(.problem.error) .fix', { timeout: 20_000 });
    expect(await fix!.evaluate((el) => el.textContent)).toBe('修正：把全形冒號「：」改成半形「: 」');
    await fix!.click();
    await expectFixed();
  });

  it('Ctrl+. opens the fixes of the cursor line, Enter applies the first', async () => {
    await breakColon();
    await page.waitForSelector('.cm-fix-bulb', { timeout: 20_000 });
    expect(await lineText(6)).toBe('學期：1');
    await page.keyboard.down('Control');
    await page.keyboard.press('.');
    await page.keyboard.up('Control');
    await page.waitForSelector('.quick-fix-menu .quick-fix');
    expect(await page.evaluate(() => document.activeElement?.className)).toBe('quick-fix');
    await page.keyboard.press('Enter');
    await expectFixed();
    expect(await page.$('.quick-fix-menu')).toBeNull();
    expect(await page.$('.cm-fix-bulb')).toBeNull();
  });

  it('the light bulb shows only on the cursor line with a fix, and a click on it offers the fix', async () => {
    await breakColon();
    await page.waitForSelector('.cm-fix-bulb', { timeout: 20_000 });
    await cursorAt(2, 0);
    await page.waitForFunction(() => !document.querySelector('.cm-fix-bulb'));
    await cursorAt(6, 0);
    const bulb = await page.waitForSelector('.cm-fix-bulb');
    await bulb!.click();
    const item = await page.waitForSelector('.quick-fix-menu .quick-fix');
    await item!.click();
    await expectFixed();
  });

  it('Escape closes the menu and leaves the text alone', async () => {
    await breakColon();
    await page.waitForSelector('.cm-fix-bulb', { timeout: 20_000 });
    await page.keyboard.down('Control');
    await page.keyboard.press('.');
    await page.keyboard.up('Control');
    await page.waitForSelector('.quick-fix-menu');
    await page.keyboard.press('Escape');
    await page.waitForFunction(() => !document.querySelector('.quick-fix-menu'));
    expect(await lineText(6)).toBe('學期：1');
    await (await page.waitForSelector('.problems .fix'))!.click();
    await expectFixed();
  });
});
