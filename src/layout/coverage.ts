import { coverageOnDemand, fontkitFont } from '../infra/fonts.js';
import type { Coverage } from '../infra/glyph-coverage.js';
import type { Theme } from './theme.js';

/** What running text can be drawn with: the body face, then the emoji face (as layout splits text into runs). */
export function textCoverage(theme: Theme): Coverage {
  const faces = [fontkitFont(theme.font.name), coverageOnDemand(theme.emoji)];
  return { hasGlyphForCodePoint: (codePoint) => faces.some((face) => face.hasGlyphForCodePoint(codePoint)) };
}
