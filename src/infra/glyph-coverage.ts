/** What a font can draw: a fontkit font answers it from its cmap (src/infra/fonts.ts). */
export interface Coverage {
  hasGlyphForCodePoint(codePoint: number): boolean;
}

const ignorable = /[\n\r\t\u200b-\u200f\u2060\ufe0e\ufe0f]/u;

/** Code-point offsets (in UTF-16 units) of characters the font cannot draw. */
export function missingGlyphs(text: string, font: Coverage): { index: number; char: string }[] {
  const missing: { index: number; char: string }[] = [];
  let index = 0;
  for (const char of text) {
    if (!ignorable.test(char) && !font.hasGlyphForCodePoint(char.codePointAt(0)!)) missing.push({ index, char });
    index += char.length;
  }
  return missing;
}

export const codePointLabel = (char: string): string => `U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
