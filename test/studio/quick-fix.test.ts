import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { courseMarkdown, sections } from '../helpers/portfolio.js';
import { cursorAt, openInStudio, paste, type StudioSession } from './session.js';

/** Quick fixes where a student looks: the problems panel, and Ctrl+. or the light bulb at the cursor's line. */
let session: StudioSession;
let page: Page;

const lineText = (line: number) => page.evaluate((n) => document.querySelectorAll('.cm-line')[n - 1]?.textContent, line);

/**
 * Line 6 is `學期: 1`: its colon made full-width, a mistake the language server knows how to fix.
 * Pasted (from a word processor, say): a `：` typed after a key is corrected as it is typed.
 */
async function breakColon(): Promise<void> {
  await cursorAt(page, 6, 2);
  await page.keyboard.press('Delete');
  await page.keyboard.press('Delete');
  await paste(page, '：');
  await page.waitForFunction(() => document.querySelector('.problems')?.textContent?.includes('yaml-syntax'), { timeout: 20_000 });
}

async function expectFixed(): Promise<void> {
  await page.waitForFunction(() => document.querySelectorAll('.cm-line')[5]?.textContent === '學期: 1', { timeout: 10_000 });
  await page.waitForFunction(() => !document.querySelector('.problems')?.textContent?.includes('yaml-syntax'), { timeout: 20_000 });
  expect(await page.$('.problems .fix')).toBeNull();
}

beforeAll(async () => {
  session = await openInStudio({ 'courses/a.md': courseMarkdown(sections) }, 'courses/a.md');
  page = session.page;
});
afterAll(() => session?.close());

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
    await cursorAt(page, 2, 0);
    await page.waitForFunction(() => !document.querySelector('.cm-fix-bulb'));
    await cursorAt(page, 6, 0);
    const bulb = await page.waitForSelector('.cm-fix-bulb');
    await bulb!.click();
    const item = await page.waitForSelector('.quick-fix-menu .quick-fix');
    await item!.click();
    await expectFixed();
  });

  it('Alt+Enter opens the same menu, for input methods that take Ctrl+. for themselves', async () => {
    await breakColon();
    await page.waitForSelector('.cm-fix-bulb', { timeout: 20_000 });
    await page.keyboard.down('Alt');
    await page.keyboard.press('Enter');
    await page.keyboard.up('Alt');
    await page.waitForSelector('.quick-fix-menu .quick-fix');
    // Alt+Enter opened the menu, it did not break the line.
    expect(await lineText(6)).toBe('學期：1');
    await page.keyboard.press('Enter');
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
