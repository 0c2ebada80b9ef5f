// Before fontkit loads.
import './dependency-stand-ins.js';
import { methodPatches, recordPatch } from './method-patches.js';
import { pdfkitRequire } from './vendor.js';

/**
 * The one expensive resource: parsed fonts. pdfkit parses every font file again for each
 * document (~200 ms/doc for two 7 MB CJK fonts). We hand pdfkit a fontkit whose `create`
 * returns the already-parsed font for a buffer it has seen, so documents after the first
 * reuse glyph tables, cmap and layout caches.
 */
const fontkitPath = pdfkitRequire.resolve('fontkit');
/** The part of a fontkit font licheng reads. */
export interface FontkitFont {
  hasGlyphForCodePoint(codePoint: number): boolean;
  glyphForCodePoint(codePoint: number): { advanceWidth: number };
  getGlyph(id: number): object;
  postscriptName: string;
  unitsPerEm: number;
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
    copySimpleGlyphs(font as Parameters<typeof copySimpleGlyphs>[0]);
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
 * Subsetting a TrueType font decodes every used glyph's outline in full (thousands of points per
 * page of Chinese) only to learn whether it is composite, which the first two bytes of its record
 * say. A simple glyph's record is copied as it is; composites and variable fonts keep fontkit's
 * own path.
 */
interface TrueTypeSubset {
  font: { getGlyph(id: number): GlyphMetrics; loca: { offsets: number[] }; _getTableStream(tag: string): { pos: number; readBuffer(length: number): Uint8Array }; _variationProcessor?: unknown };
  glyf: Uint8Array[];
  loca: { offsets: number[] };
  hmtx: { metrics: { advance: number; bearing: number }[] };
  offset: number;
  _addGlyph(id: number): number;
}
interface GlyphMetrics {
  advanceWidth: number;
  _getMetrics(): { leftBearing: number };
}

function copySimpleGlyphs(font: FontkitFont & { createSubset(): object; directory: { tables: Record<string, unknown> } }): void {
  if (font.directory.tables['CFF '] || !font.directory.tables.glyf) return;
  const prototype = Object.getPrototypeOf(font.createSubset()) as TrueTypeSubset;
  if (methodPatches.some((p) => p.owner === (prototype as unknown as Record<string, unknown>) && p.method === '_addGlyph')) return;
  const addGlyph = prototype._addGlyph;
  prototype._addGlyph = function (this: TrueTypeSubset, id: number) {
    const offsets = this.font.loca.offsets;
    const start = offsets[id]!;
    const end = offsets[id + 1]!;
    if (this.font._variationProcessor) return addGlyph.call(this, id);
    const stream = this.font._getTableStream('glyf');
    stream.pos += start;
    const record = stream.readBuffer(end - start);
    // numberOfContours, an int16: negative for a composite glyph.
    if (record.length >= 2 && ((record[0]! << 24) >> 16 | record[1]!) < 0) return addGlyph.call(this, id);
    const glyph = this.font.getGlyph(id);
    this.glyf.push(record);
    this.loca.offsets.push(this.offset);
    this.hmtx.metrics.push({ advance: glyph.advanceWidth, bearing: glyph._getMetrics().leftBearing });
    this.offset += record.length;
    return this.glyf.length - 1;
  };
  recordPatch('subset without decoding outlines', prototype, '_addGlyph', addGlyph);
}

const cachedModule = pdfkitRequire.cache[fontkitPath];
if (cachedModule) cachedModule.exports = { ...realFontkit, create: createCached };

/** Fonts asked for (pdfkit asks once per font per document) and fonts actually parsed, in this process. */
export const fontCacheStats = (): { requests: number; parses: number } => ({ requests, parses });
