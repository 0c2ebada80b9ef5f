import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { courseMarkdown, sections } from '../helpers/portfolio.js';
import { cursorAt, openInStudio, paste, type StudioSession } from './session.js';

/** The studio preview while the document has an error: the page stays, a banner says it cannot be built yet. */
let session: StudioSession;
beforeAll(async () => {
  session = await openInStudio({ 'courses/a.md': text }, 'courses/a.md');
  await session.page.waitForSelector('.lp-page canvas', { timeout: 30_000 });
});
afterAll(() => session?.close());

const banner = () =>
  session.page.$eval('.lp-draft', (b) => ({ text: b.textContent, shown: !(b as HTMLElement).hidden && (b as HTMLElement).offsetHeight > 0 }));
const version = () => session.page.$eval('.licheng-preview', (el) => Number((el as HTMLElement).dataset.version || 0));

const text = courseMarkdown(sections);
/** The 1-based line of the 心得與反思 heading. */
const headingLine = text.split('\n').indexOf('## 心得與反思') + 1;

/**
 * Changes the start of the heading's line in one edit (`deletes` characters selected and deleted,
 * or `text` pasted), and waits for the preview of it. One edit, one version: key by key, a preview
 * of a step in between (`# 心得與反思` has no error, `#心得與反思` has one) could be the first to
 * land when the keys come slowly, as they do on a loaded machine.
 */
async function editHeading(edit: { text?: string; deletes?: number }): Promise<void> {
  const before = await version();
  await cursorAt(session.page, headingLine, 0);
  if (edit.deletes) {
    await session.page.keyboard.down('Shift');
    for (let i = 0; i < edit.deletes; i++) await session.page.keyboard.press('ArrowRight');
    await session.page.keyboard.up('Shift');
    await session.page.keyboard.press('Delete');
  }
  if (edit.text) await paste(session.page, edit.text);
  await session.page.waitForFunction(
    (v) => Number((document.querySelector('.licheng-preview') as HTMLElement).dataset.version || 0) > v,
    { timeout: 20_000 },
    before,
  );
}

describe('the studio preview of a document with errors', () => {
  it('keeps showing the page under a banner with the number of errors, and drops the banner once they are fixed', async () => {
    expect((await banner()).shown).toBe(false);
    // A course without its 心得與反思 heading is an error, yet it can still be typeset.
    await editHeading({ deletes: 3 });
    // The banner comes once the error has stood a moment (web/preview/preview.ts, bannerAfterMs).
    await session.page.waitForFunction(() => !document.querySelector<HTMLElement>('.lp-draft')!.hidden, { timeout: 10_000 });
    expect(await banner()).toEqual({ text: '有 1 個錯誤，修正後才能建置', shown: true });
    expect(await session.page.$$eval('.lp-page canvas', (all) => all.length)).toBeGreaterThan(0);
    await editHeading({ text: '## ' });
    expect((await banner()).shown).toBe(false);
  }, 60_000);
});
