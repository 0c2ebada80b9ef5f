import { describe, expect, it } from 'vitest';
import { fontkitFont, registerFamily } from '../../src/infra/fonts.js';
import { setRuns, type FaceRun } from '../../src/layout/set-paragraph-memo.js';
import { bundledFonts } from '../../src/layout/theme.js';
import type { GlyphFont } from '../../src/typeset/metrics.js';

describe('paragraphs set before, by their runs', () => {
  it('never take one run whose text holds the separators for two runs', () => {
    registerFamily(bundledFonts.sans);
    const font = fontkitFont(bundledFonts.sans.name) as unknown as GlyphFont;
    const run = (text: string): FaceRun => ({ text, font, size: 10 });
    const two = setRuns([run('a'), run('b')], 300, {});
    expect(two.lines.flat().some((piece) => piece.run === 1)).toBe(true);
    // The font's id in the memo's keys is one of these: a text spelling the second run's key with it
    // once passed for the two runs (a YAML "\0" escape can put NUL in a title).
    for (let id = 0; id < 64; id++) {
      const one = setRuns([run(`a\u0000${id}\u000110\u0001b`)], 300, {});
      expect(one.lines.flat().every((piece) => piece.run === 0)).toBe(true);
    }
  });
});
