import { describe, expect, it } from 'vitest';
import { copyFile, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { build } from '../src/build.js';
import { registeredFamilies } from '../src/infra/fonts.js';
import { bundledFonts } from '../src/layout/theme.js';
import { parsePdf } from './helpers/pdf.js';
import { courseMarkdown, makePortfolio, sections } from './helpers/portfolio.js';

/** A portfolio typeset in its own font file (a copy of the bundled serif under its own path). */
async function schoolWithOwnFont(): Promise<string> {
  const root = await makePortfolio({ 'courses/a.md': courseMarkdown(sections) });
  await copyFile(bundledFonts.serif.regular, join(root, 'school.ttf'));
  await writeFile(join(root, 'portfolio.yaml'), '學生: 林語彤\n預設:\n  字型:\n    一般: school.ttf\n');
  return root;
}

const ownFamilies = () => [...registeredFamilies()].filter((entry) => !entry.bundled).map((entry) => entry.family.regular);

describe("a long-lived process and the portfolios' own fonts", () => {
  it('keeps the four most recent parsed, drops the older ones, and typesets a dropped one again when it comes back', async () => {
    const roots: string[] = [];
    for (let i = 0; i < 6; i++) {
      const root = await schoolWithOwnFont();
      roots.push(root);
      expect((await build([root])).diagnostics).toEqual([]);
    }
    expect(ownFamilies()).toEqual(roots.slice(2).map((root) => join(root, 'school.ttf')));
    // The bundled faces are never dropped: the headings' sans stays registered.
    expect([...registeredFamilies()].some((entry) => entry.bundled && entry.family.name === 'NotoSansTC')).toBe(true);

    expect((await build([roots[0]!])).diagnostics).toEqual([]);
    expect(ownFamilies()).toEqual([...roots.slice(3), roots[0]!].map((root) => join(root, 'school.ttf')));
    const pdf = await parsePdf(await readFile(join(roots[0]!, 'out', 'courses', 'a.pdf')));
    expect(pdf.fonts.some((f) => f.endsWith('+NotoSerifTC-Regular'))).toBe(true);
    expect(pdf.pageTexts.join('')).toContain('心得與反思');
  }, 60_000);
});
