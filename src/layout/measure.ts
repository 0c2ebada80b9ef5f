import { fontkitFont } from '../infra/fonts.js';
import type { Theme } from './theme.js';

/** Width in points of `text` set in the body face at `size`, the sum of glyph advances times `slack`. */
export function measurer(theme: Theme, size: number, slack = 1): (text: string) => number {
  const font = fontkitFont(theme.font.name);
  const scale = (size / font.unitsPerEm) * slack;
  return (text) => {
    let width = 0;
    for (const char of text) width += font.glyphForCodePoint(char.codePointAt(0)!).advanceWidth;
    return width * scale;
  };
}
