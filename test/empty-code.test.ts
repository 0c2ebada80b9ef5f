import { describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { build } from '../src/build.js';
import { registeredFamilies } from '../src/infra/fonts.js';
import { courseMarkdown, makePortfolio, sections } from './helpers/portfolio.js';
import { parsePdf } from './helpers/pdf.js';

// Its own file, so its own process state: no earlier document has loaded the code face.
describe('code blocks with no characters', () => {
  it('typeset an empty block and one of blank lines, as the first code this process meets', async () => {
    expect([...registeredFamilies()].some((entry) => entry.family.name === 'NotoSansMono')).toBe(false);
    const body = `${sections}\n上面一段文字。\n\n\`\`\`\n\`\`\`\n\n中間一段文字。\n\n\`\`\`js\n\n\n\`\`\`\n\n~~~\n`;
    const root = await makePortfolio({ 'courses/a.md': courseMarkdown(body) });
    const result = await build([root]);
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const pdf = await parsePdf(await readFile(join(root, 'out', 'courses', 'a.pdf')));
    const text = pdf.pageTexts.join('');
    expect(text).toContain('上面一段文字');
    expect(text).toContain('中間一段文字');
  });
});
