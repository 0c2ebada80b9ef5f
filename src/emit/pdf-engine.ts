import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import './pdfmake-speedups.js';

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
  postscriptName: string;
}
const realFontkit = pdfkitRequire('fontkit') as { create(buffer: Uint8Array, postscriptName?: string): FontkitFont };
const parsed = new WeakMap<Uint8Array, FontkitFont>();

function createCached(buffer: Uint8Array, postscriptName?: string): FontkitFont {
  let font = parsed.get(buffer);
  if (!font) {
    font = realFontkit.create(buffer, postscriptName);
    parsed.set(buffer, font);
  }
  return font;
}

const cachedModule = pdfkitRequire.cache[fontkitPath];
if (cachedModule) cachedModule.exports = { ...realFontkit, create: createCached };

interface PdfMake {
  virtualfs: { writeFileSync(name: string, data: Buffer): void; readFileSync(name: string): Buffer; existsSync(name: string): boolean };
  addFonts(fonts: Record<string, FontFiles>): void;
  setUrlAccessPolicy(policy: (url: string) => boolean): void;
  setLocalAccessPolicy(policy: (path: string) => boolean): void;
  createPdf(definition: object): { getBuffer(): Promise<Buffer> };
}
interface FontFiles { normal: string; bold: string; italics: string; bolditalics: string }

const pdfmake = require('pdfmake') as PdfMake;
// Every resource a document uses is handed over in memory (virtual fs or data URL):
// pdfmake itself never fetches a URL and never reads the disk.
pdfmake.setUrlAccessPolicy(() => false);
pdfmake.setLocalAccessPolicy(() => false);

export interface FontFamily {
  /** Family name used in document definitions. */
  name: string;
  regular: string;
  bold: string;
}

const families = new Map<string, { family: FontFamily; regular: FontkitFont; bold: FontkitFont }>();

function load(file: string): { key: string; font: FontkitFont } {
  const key = `font:${file}`;
  if (!pdfmake.virtualfs.existsSync(key)) pdfmake.virtualfs.writeFileSync(key, readFileSync(file));
  return { key, font: createCached(pdfmake.virtualfs.readFileSync(key)) };
}

/** Registers a family once per process; later calls are free. Throws if a file is unreadable or not a font. */
export function registerFamily(family: FontFamily): void {
  const known = families.get(family.name);
  if (known && known.family.regular === family.regular && known.family.bold === family.bold) return;
  const regular = load(family.regular);
  const bold = load(family.bold);
  // pdfmake needs a file for every style; CJK fonts have no italics.
  pdfmake.addFonts({ [family.name]: { normal: regular.key, bold: bold.key, italics: regular.key, bolditalics: bold.key } });
  families.set(family.name, { family, regular: regular.font, bold: bold.font });
}

/** The parsed font, for coverage checks (missing glyphs) without a second parse. */
export function fontkitFont(familyName: string, bold = false): FontkitFont {
  const entry = families.get(familyName);
  if (!entry) throw new Error(`font family ${familyName} is not registered`);
  return bold ? entry.bold : entry.regular;
}

export async function renderPdf(definition: object): Promise<Buffer> {
  return pdfmake.createPdf(definition).getBuffer();
}
