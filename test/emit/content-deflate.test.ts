import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { build } from '../../src/build.js';
import { courseMarkdown, makePortfolio, sections } from '../helpers/portfolio.js';

async function buildOne(root: string, out: string): Promise<{ pdf: Buffer; text: string }> {
  const result = await build([root], { outDir: join(root, 'out', out) });
  expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  const file = join(root, 'out', out, 'courses', 'a.pdf');
  return { pdf: await readFile(file), text: execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).replace(/\s+/g, '') };
}

describe('page content typeset again', () => {
  it('is deflated once: the same pages give the same bytes, a page changed within its length shows the change', async () => {
    const root = await makePortfolio({ 'courses/a.md': courseMarkdown(`${sections}\n甲乙丙丁戊己庚辛。\n`) });
    const first = await buildOne(root, 'first');
    expect((await buildOne(root, 'again')).pdf.equals(first.pdf)).toBe(true);
    // The same characters in another order: the same glyphs and subset, a page stream of the same length.
    await writeFile(join(root, 'courses', 'a.md'), courseMarkdown(`${sections}\n辛庚己戊丁丙乙甲。\n`));
    const swapped = await buildOne(root, 'swapped');
    expect(swapped.pdf.equals(first.pdf)).toBe(false);
    expect(swapped.text).toContain('辛庚己戊丁丙乙甲');
    expect(swapped.text).not.toContain('甲乙丙丁戊己庚辛');
    expect(first.text).toContain('甲乙丙丁戊己庚辛');
  });
});
