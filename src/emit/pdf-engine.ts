import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { installPatches } from './patches/index.js';
import { createCached, type FontkitFont } from './patches/speed/fontkit-create.js';

export type { FontkitFont };

interface PdfMake {
  virtualfs: { writeFileSync(name: string, data: Buffer): void; readFileSync(name: string): Buffer; existsSync(name: string): boolean };
  addFonts(fonts: Record<string, FontFiles>): void;
  setUrlAccessPolicy(policy: (url: string) => boolean): void;
  setLocalAccessPolicy(policy: (path: string) => boolean): void;
  createPdf(definition: object): { getBuffer(): Promise<Buffer> };
}
interface FontFiles { normal: string; bold: string; italics: string; bolditalics: string }

let loaded: PdfMake | undefined;

/** pdfmake, patched, on first use: importing licheng changes nothing in pdfmake, pdfkit or fontkit. */
function pdfmake(): PdfMake {
  if (loaded) return loaded;
  installPatches();
  loaded = createRequire(import.meta.url)('pdfmake') as PdfMake;
  // Every resource a document uses is handed over in memory (virtual fs or data URL):
  // pdfmake itself never fetches a URL and never reads the disk.
  loaded.setUrlAccessPolicy(() => false);
  loaded.setLocalAccessPolicy(() => false);
  return loaded;
}
export interface FontFamily {
  /** Family name used in document definitions. */
  name: string;
  regular: string;
  bold: string;
}

const families = new Map<string, { family: FontFamily; regular: FontkitFont; bold: FontkitFont }>();

function load(file: string): { key: string; font: FontkitFont } {
  const key = `font:${file}`;
  if (!pdfmake().virtualfs.existsSync(key)) pdfmake().virtualfs.writeFileSync(key, readFileSync(file));
  const data = pdfmake().virtualfs.readFileSync(key);
  const font = createCached(data);
  assertUsable(font as ParsedFont, data.length);
  return { key, font };
}

/** The parts of a parsed font that pdfkit reads beyond `FontkitFont`. */
type ParsedFont = FontkitFont & {
  type?: string;
  directory?: { tables: Record<string, { offset: number; length: number }> };
  layout(text: string): unknown;
  createSubset(): { includeGlyph(id: number): number; encode(): Uint8Array };
} & Partial<Record<'head' | 'hhea' | 'maxp' | 'cmap' | 'hmtx' | 'post', unknown>>;

/**
 * fontkit parses tables lazily and turns a damaged one into `undefined`, so a cut-off or garbage
 * file would fail later, deep in typesetting, with a TypeError. Reading here what typesetting reads
 * (the tables, a glyph, a layout, a subset) makes it fail now, where it is reported at its key.
 */
function assertUsable(font: ParsedFont, bytes: number): void {
  if (typeof font.glyphForCodePoint !== 'function') throw new Error('not a single font (a collection?)');
  if (font.type === 'TTF') {
    for (const { offset, length } of Object.values(font.directory?.tables ?? {})) if (offset + length > bytes) throw new Error('the file is cut short');
  }
  for (const table of ['head', 'hhea', 'maxp', 'cmap', 'hmtx', 'post'] as const) if (!font[table]) throw new Error(`no readable ${table} table`);
  const glyph = font.glyphForCodePoint(0x6c38) as unknown as { id: number };
  font.layout('永 A');
  const subset = font.createSubset();
  subset.includeGlyph(glyph.id);
  subset.encode();
}

/** Reads and parses a font file once per process (registering it later is free). Throws if it is unreadable or not a usable font. */
export const loadFont = (file: string): FontkitFont => load(file).font;

/** Registers a family once per process; later calls are free. Throws if a file is unreadable or not a font. */
export function registerFamily(family: FontFamily): void {
  const known = families.get(family.name);
  if (known && known.family.regular === family.regular && known.family.bold === family.bold) return;
  const regular = load(family.regular);
  const bold = load(family.bold);
  // pdfmake needs a file for every style; CJK fonts have no italics.
  pdfmake().addFonts({ [family.name]: { normal: regular.key, bold: bold.key, italics: regular.key, bolditalics: bold.key } });
  families.set(family.name, { family, regular: regular.font, bold: bold.font });
  for (const font of [regular.font, bold.font]) claimAscii(font);
}

/**
 * fontkit keeps one glyph object per glyph id, with the code points of the text it was first made
 * from, and pdfkit writes those into the PDF's ToUnicode map: had a `Wi‑Fi` (U+2011) or a no-break
 * space been laid out first, every hyphen or space that shares its glyph would copy out as that.
 * Making the printable ASCII glyphs first gives them their own code points.
 */
function claimAscii(font: FontkitFont): void {
  for (let codePoint = 0x20; codePoint < 0x7f; codePoint++) font.glyphForCodePoint(codePoint);
}

/** The parsed font, for coverage checks (missing glyphs) without a second parse. */
export function fontkitFont(familyName: string, bold = false): FontkitFont {
  const entry = families.get(familyName);
  if (!entry) throw new Error(`font family ${familyName} is not registered`);
  return bold ? entry.bold : entry.regular;
}

export async function renderPdf(definition: object): Promise<Buffer> {
  return pdfmake().createPdf(definition).getBuffer();
}
