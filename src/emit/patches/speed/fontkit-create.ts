import { fontParses, parseFont, realFontkit, type FontkitFont } from '../../../infra/fonts.js';
import { pdfkitRequire } from '../../../infra/vendor.js';
import { found, sourceHash, type Patch } from '../registry.js';
import { applyAddGlyph } from './fontkit-ttf-subset-add-glyph.js';
import { applySubsetCache } from './fontkit-subset-cache.js';
import { applySubsetWrite } from './fontkit-ttf-subset-encode.js';

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

let installed = false;
const subsetPatched = new WeakSet<FontkitFont>();
let requests = 0;

/** Hands pdfkit the caching fontkit if its `create` is the one this was written for. */
export function installFontkitCache(): void {
  if (installed) return;
  installed = true;
  const real = realFontkit();
  const applied = sourceHash(real.create) === fontkitCreate.sha256;
  found.push({ patch: fontkitCreate, original: real.create, applied });
  const cached = pdfkitRequire.cache[pdfkitRequire.resolve('fontkit')];
  if (applied && cached) cached.exports = { ...real, create: createCached };
}

/** Parses a font once per buffer (src/infra/fonts.ts), its subsetting patched once per font. */
export function createCached(buffer: Uint8Array, postscriptName?: string): FontkitFont {
  installFontkitCache();
  requests++;
  const font = parseFont(buffer, postscriptName);
  if (!subsetPatched.has(font)) {
    applyAddGlyph(font as unknown as Parameters<typeof applyAddGlyph>[0]);
    // The cache wraps the writing: applied after it.
    applySubsetWrite(font as unknown as Parameters<typeof applySubsetWrite>[0]);
    applySubsetCache(font as unknown as Parameters<typeof applySubsetCache>[0]);
    subsetPatched.add(font);
  }
  return font;
}

/** Fonts asked for (pdfkit asks once per font per document) and fonts actually parsed, in this process. */
export const fontCacheStats = (): { requests: number; parses: number } => ({ requests, parses: fontParses() });
