import { readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { courseMarkdown, sections } from '../helpers/portfolio.js';
import { cursorAt, openInStudio, type StudioSession } from './session.js';

/** A file changed on disk by another program while the student edits it: the dialog shows what differs. */
let session: StudioSession;
let page: Page;

const marked = (side: 'mine' | 'disk') =>
  page.$$eval(`.conflict .${side} > .changed, .conflict .${side} > .missing`, (lines) => lines.map((l) => [l.className, l.textContent!.trimEnd()]));

beforeAll(async () => {
  session = await openInStudio({ 'courses/a.md': courseMarkdown(sections) }, 'courses/a.md');
  page = session.page;
});
afterAll(() => session?.close());

describe('the conflict dialog', () => {
  it("marks the lines that differ between the student's text and the file on disk, and keeps both choices", async () => {
    // The student adds to the title (line 2) and does not save yet.
    await cursorAt(page, 2);
    await page.keyboard.type('（修訂版）');
    // Another program changes the body and adds a line at the end.
    const path = join(session.root, 'courses', 'a.md');
    await writeFile(path, `${(await readFile(path, 'utf8')).replace('過程文字。', '別的程式改的。')}附註。\n`);
    await page.click('button.save');
    await page.waitForSelector('dialog.conflict[open]');
    expect(await marked('mine')).toEqual([
      ['line changed', '成果名稱: 測試成果（修訂版）'],
      ['line changed', '過程文字。'],
      ['line missing', ''],
    ]);
    expect(await marked('disk')).toEqual([
      ['line changed', '成果名稱: 測試成果'],
      ['line changed', '別的程式改的。'],
      ['line changed', '附註。'],
    ]);
    // Lines that did not change are there, unmarked, facing each other.
    const same = await page.$$eval('.conflict .mine > .line:not(.changed):not(.missing)', (lines) => lines.map((l) => l.textContent!.trimEnd()));
    expect(same).toContain('## 學習過程');
    expect(await page.$eval('.conflict .explain', (el) => el.textContent)).toContain('有 3 行不一樣');
    expect(await page.$eval('.conflict .keep-mine', (el) => el.textContent)).toBe('保留我的版本');
    expect(await page.$eval('.conflict .use-disk', (el) => el.textContent)).toBe('改用磁碟上的版本');
    await page.screenshot({ path: join(tmpdir(), 'licheng-studio-conflict.png') });
    expect(await readFile(path, 'utf8')).not.toContain('修訂版');
    await page.click('.conflict .keep-mine');
    await expect.poll(() => readFile(path, 'utf8'), { timeout: 10_000 }).toContain('（修訂版）');
    expect(await readFile(path, 'utf8')).not.toContain('別的程式改的');
  });
});
