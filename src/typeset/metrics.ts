/**
 * Advance widths from the fonts the PDF is set in (fontkit, as pdfkit measures them), so that a
 * line licheng breaks is exactly as wide as pdfmake later places it. The parsed fonts are the PDF
 * engine's own (handed in by layout); widths are kept per font in bounded caches.
 */
export interface GlyphFont {
  unitsPerEm: number;
  glyphForCodePoint(codePoint: number): { advanceWidth: number };
  layout(text: string): { advanceWidth: number };
}

/** Distinct Latin words measured per font before that font's word cache starts over. */
const maxWords = 20_000;

interface Widths {
  chars: Map<number, number>;
  words: Map<string, number>;
}
const cache = new WeakMap<GlyphFont, Widths>();

function widthsOf(font: GlyphFont): Widths {
  let widths = cache.get(font);
  if (!widths) cache.set(font, (widths = { chars: new Map(), words: new Map() }));
  return widths;
}

/** Advance of one character, in ems. */
export function charAdvance(font: GlyphFont, char: string): number {
  const widths = widthsOf(font);
  const codePoint = char.codePointAt(0)!;
  let width = widths.chars.get(codePoint);
  if (width === undefined) widths.chars.set(codePoint, (width = font.glyphForCodePoint(codePoint).advanceWidth / font.unitsPerEm));
  return width;
}

/** Advance of a run without spaces, shaped (kerning) as pdfkit shapes it, in ems. */
export function wordAdvance(font: GlyphFont, word: string): number {
  if (word.length <= 2 && [...word].length === 1) return charAdvance(font, word);
  const widths = widthsOf(font);
  let width = widths.words.get(word);
  if (width === undefined) {
    if (widths.words.size >= maxWords) widths.words.clear();
    widths.words.set(word, (width = font.layout(word).advanceWidth / font.unitsPerEm));
  }
  return width;
}
