import { describe, expect, it } from 'vitest';
import { copyFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fontkitFont, readFamilyAhead, registerFamily } from '../src/infra/fonts.js';
import { bundledFonts } from '../src/layout/theme.js';

const settled = () => new Promise((resolve) => setTimeout(resolve, 300));

describe('font files read ahead of their family', () => {
  it('registers the same font from the bytes read ahead', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'licheng-fonts-'));
    const regular = join(folder, 'regular.ttf');
    copyFileSync(bundledFonts.emoji.regular, regular);
    const family = { name: 'ReadAhead', regular, bold: regular };
    readFamilyAhead(family);
    await settled();
    // The file changes after it was read ahead: what was read is what gets registered.
    writeFileSync(regular, 'not a font any more');
    registerFamily(family);
    const font = fontkitFont('ReadAhead');
    registerFamily({ ...bundledFonts.emoji, name: 'ReadDirectly' });
    const direct = fontkitFont('ReadDirectly');
    expect(font.postscriptName).toBe(direct.postscriptName);
    for (const codePoint of [0x1f600, 0x2764, 0x41]) expect(font.hasGlyphForCodePoint(codePoint)).toBe(direct.hasGlyphForCodePoint(codePoint));
    expect(font.glyphForCodePoint(0x1f600).advanceWidth).toBe(direct.glyphForCodePoint(0x1f600).advanceWidth);
  });

  it('leaves a file it cannot read to be reported when the family is registered', async () => {
    const missing = join(mkdtempSync(join(tmpdir(), 'licheng-fonts-')), 'missing.ttf');
    const family = { name: 'Missing', regular: missing, bold: missing };
    expect(() => readFamilyAhead(family)).not.toThrow();
    await settled();
    expect(() => registerFamily(family)).toThrow(/ENOENT/);
  });

  it('reads again a file whose read ahead is not done when the family is registered', () => {
    const folder = mkdtempSync(join(tmpdir(), 'licheng-fonts-'));
    const regular = join(folder, 'regular.ttf');
    copyFileSync(bundledFonts.emoji.regular, regular);
    const family = { name: 'NotYet', regular, bold: regular };
    readFamilyAhead(family);
    // No turn of the event loop in between: the read ahead cannot have been taken in.
    registerFamily(family);
    expect(fontkitFont('NotYet').hasGlyphForCodePoint(0x1f600)).toBe(true);
  });
});
