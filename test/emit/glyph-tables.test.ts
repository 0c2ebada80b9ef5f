import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { cmapLookup } from '../../src/emit/patches/speed/fontkit-cmap-lookup.js';
import { glyphMetrics } from '../../src/emit/patches/speed/fontkit-glyph-metrics.js';
import '../../src/emit/patches/index.js';
import { enablePatches, found, type Patch } from '../../src/emit/patches/registry.js';
import { parseFont } from '../../src/infra/fonts.js';
import { bundledFonts } from '../../src/layout/theme.js';

interface Glyph {
  _getMetrics(): Record<string, number>;
}
interface Font {
  numGlyphs: number;
  getGlyph(id: number): Glyph;
  _cmapProcessor: {
    lookup(codepoint: number, variationSelector?: number): number;
    cmap: { version: number; nGroups?: number; groups?: { get(i: number): { startCharCode: number; endCharCode: number } } };
  };
}

/** Runs `read` on a font parsed afresh (nothing decoded or cached yet), with or without `patch` in effect. */
function withFont<T>(bytes: Buffer, patch: Patch, patched: boolean, read: (font: Font) => T): T {
  enablePatches((p) => patched || p !== patch);
  try {
    // A copy: fonts are parsed once per buffer.
    return read(parseFont(Buffer.from(bytes)) as unknown as Font);
  } finally {
    enablePatches(() => true);
  }
}

const fonts = {
  'CJK sans': bundledFonts.sans.regular,
  'CJK serif bold': bundledFonts.serif.bold,
  emoji: bundledFonts.emoji.regular,
  'WOFF mono': bundledFonts.mono.regular,
};

describe("glyph metrics without the outline header (speed patch of fontkit's TTFGlyph._getMetrics)", () => {
  it.each(Object.entries(fonts))('gives the metrics fontkit gives: %s', (_, file) => {
    const bytes = readFileSync(file);
    const metrics = (font: Font) => {
      const ids = Array.from({ length: Math.ceil(font.numGlyphs / 7) }, (_, i) => i * 7).concat(font.numGlyphs - 1);
      return ids.map((id) => font.getGlyph(id)._getMetrics());
    };
    const mine = withFont(bytes, glyphMetrics, true, metrics);
    const theirs = withFont(bytes, glyphMetrics, false, metrics);
    expect(mine.length).toBeGreaterThan(30);
    expect(mine).toEqual(theirs);
  });

  it('is in effect for the bundled CJK faces', () => {
    expect(found.find((f) => f.patch === glyphMetrics)?.applied).toBe(true);
  });
});

describe("character map ranges read straight from the bytes (speed patch of fontkit's CmapProcessor.lookup)", () => {
  it.each(Object.entries(fonts))('finds the glyphs fontkit finds: %s', (_, file) => {
    const bytes = readFileSync(file);
    // Every code point up to U+3100, and around each range's ends.
    const points = withFont(bytes, cmapLookup, false, (font) => {
      const { cmap } = font._cmapProcessor;
      const ends = [];
      for (let i = 0; i < (cmap.nGroups ?? 0); i++) {
        const { startCharCode, endCharCode } = cmap.groups!.get(i);
        ends.push(startCharCode - 1, startCharCode, (startCharCode + endCharCode) >> 1, endCharCode, endCharCode + 1);
      }
      return [...Array.from({ length: 0x3100 }, (_, i) => i), ...ends, 0x10ffff, 0x110000, -1];
    });
    const lookups = (font: Font) => points.map((point) => font._cmapProcessor.lookup(point));
    const mine = withFont(bytes, cmapLookup, true, lookups);
    expect(mine).toEqual(withFont(bytes, cmapLookup, false, lookups));
    expect(mine.filter((glyph) => glyph > 0).length).toBeGreaterThan(90);
    // With a variation selector: fontkit's own way, the same answer.
    const selected = (font: Font) => [0x845b, 0x8fbb, 0x5b78].map((point) => font._cmapProcessor.lookup(point, 0xe0100));
    expect(withFont(bytes, cmapLookup, true, selected)).toEqual(withFont(bytes, cmapLookup, false, selected));
  });

  it('is in effect for the bundled CJK faces (a format 12 map)', () => {
    const font = parseFont(Buffer.from(readFileSync(fonts['CJK sans']))) as unknown as Font;
    expect(font._cmapProcessor.cmap.version).toBe(12);
    expect(found.find((f) => f.patch === cmapLookup)?.applied).toBe(true);
  });
});
