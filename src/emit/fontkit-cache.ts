import { createRequire } from 'node:module';
// Before fontkit loads.
import './dependency-stand-ins.js';

/**
 * The one expensive resource: parsed fonts. pdfkit parses every font file again for each
 * document (~200 ms/doc for two 7 MB CJK fonts). We hand pdfkit a fontkit whose `create`
 * returns the already-parsed font for a buffer it has seen, so documents after the first
 * reuse glyph tables, cmap and layout caches.
 */
const require = createRequire(import.meta.url);
const pdfkitRequire = createRequire(createRequire(require.resolve('pdfmake')).resolve('pdfkit'));
const fontkitPath = pdfkitRequire.resolve('fontkit');
/** The part of a fontkit font licheng reads. */
export interface FontkitFont {
  hasGlyphForCodePoint(codePoint: number): boolean;
  getGlyph(id: number): object;
  postscriptName: string;
}
const realFontkit = pdfkitRequire('fontkit') as { create(buffer: Uint8Array, postscriptName?: string): FontkitFont };
const parsed = new WeakMap<Uint8Array, FontkitFont>();
let parses = 0;
let requests = 0;

export function createCached(buffer: Uint8Array, postscriptName?: string): FontkitFont {
  requests++;
  let font = parsed.get(buffer);
  if (!font) {
    font = realFontkit.create(buffer, postscriptName);
    parses++;
    memoizeGlyphDecoding(font);
    memoizeCoverage(font);
    parsed.set(buffer, font);
  }
  return font;
}

/** Coverage is asked once per character of every text (missing-glyph warnings); the cmap search is not cheap. */
function memoizeCoverage(font: FontkitFont): void {
  const lookup = font.hasGlyphForCodePoint.bind(font);
  const known = new Map<number, boolean>();
  font.hasGlyphForCodePoint = (codePoint) => {
    let has = known.get(codePoint);
    if (has === undefined) {
      has = lookup(codePoint);
      known.set(codePoint, has);
    }
    return has;
  };
}

/**
 * Subsetting decodes every used glyph's outline again in every document, only to learn whether
 * it is composite. Glyph objects live as long as their (shared) font, so the decoding is kept.
 */
function memoizeGlyphDecoding(font: FontkitFont): void {
  const prototype = Object.getPrototypeOf(font.getGlyph(0)) as { _decode?: (this: object) => unknown; licheng?: true };
  if (!prototype._decode || prototype.licheng) return;
  const decode = prototype._decode;
  const decoded = new WeakMap<object, unknown>();
  prototype._decode = function (this: object) {
    if (!decoded.has(this)) decoded.set(this, decode.call(this));
    return decoded.get(this);
  };
  prototype.licheng = true;
}

const cachedModule = pdfkitRequire.cache[fontkitPath];
if (cachedModule) cachedModule.exports = { ...realFontkit, create: createCached };

/** Fonts asked for (pdfkit asks once per font per document) and fonts actually parsed, in this process. */
export const fontCacheStats = (): { requests: number; parses: number } => ({ requests, parses });
