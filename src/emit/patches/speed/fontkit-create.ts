import { pdfkitRequire } from '../../vendor.js';
import { found, sourceHash, type Patch } from '../registry.js';
import { applyAddGlyph } from './fontkit-ttf-subset-add-glyph.js';

/** The part of a fontkit font licheng reads. */
export interface FontkitFont {
  hasGlyphForCodePoint(codePoint: number): boolean;
  glyphForCodePoint(codePoint: number): { advanceWidth: number };
  getGlyph(id: number): object;
  postscriptName: string;
  unitsPerEm: number;
}
type Fontkit = { create(buffer: Uint8Array, postscriptName?: string): FontkitFont };

/**
 * The one expensive resource: parsed fonts. pdfkit parses every font file again for each
 * document (~200 ms/doc for two 7 MB CJK fonts). pdfkit receives a fontkit whose `create`
 * returns the already-parsed font for a buffer it has seen, so documents after the first reuse
 * glyph tables, cmap and layout caches. fontkit's exports are read-only getters, so the module
 * pdfkit requires is swapped instead of its method: this must happen before pdfkit loads.
 */
export const fontkitCreate: Patch = {
  name: 'parsed fonts shared between documents',
  package: 'fontkit',
  version: '2.0.4',
  target: 'fontkit.create',
  sha256: 'cfc38d84c391380572182cab6863f0131a1af987b7b8d3240f33ec4ef15857f8',
  kind: 'speed',
  replace: () => createCached,
};

let realFontkit: Fontkit | undefined;
const parsed = new WeakMap<Uint8Array, FontkitFont>();
let parses = 0;
let requests = 0;

/** Hands pdfkit the caching fontkit if its `create` is the one this was written for. */
export function installFontkitCache(): void {
  if (realFontkit) return;
  realFontkit = pdfkitRequire('fontkit') as Fontkit;
  const applied = sourceHash(realFontkit.create) === fontkitCreate.sha256;
  found.push({ patch: fontkitCreate, original: realFontkit.create, applied });
  const cached = pdfkitRequire.cache[pdfkitRequire.resolve('fontkit')];
  if (applied && cached) cached.exports = { ...realFontkit, create: createCached };
}

/** Parses a font once per buffer. */
export function createCached(buffer: Uint8Array, postscriptName?: string): FontkitFont {
  installFontkitCache();
  requests++;
  let font = parsed.get(buffer);
  if (!font) {
    font = realFontkit!.create(buffer, postscriptName);
    parses++;
    applyAddGlyph(font as unknown as Parameters<typeof applyAddGlyph>[0]);
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

/** Fonts asked for (pdfkit asks once per font per document) and fonts actually parsed, in this process. */
export const fontCacheStats = (): { requests: number; parses: number } => ({ requests, parses });
