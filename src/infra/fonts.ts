import { closeSync, fstatSync, openSync, read, readFileSync } from 'node:fs';
import { provenUsable, rememberUsable, usableKey } from './checked-fonts.js';
import { pdfkitRequire } from './vendor.js';

/** The part of a fontkit font licheng reads. */
export interface FontkitFont {
  hasGlyphForCodePoint(codePoint: number): boolean;
  glyphForCodePoint(codePoint: number): { advanceWidth: number };
  getGlyph(id: number): object;
  postscriptName: string;
  unitsPerEm: number;
}
type Fontkit = { create(buffer: Uint8Array, postscriptName?: string): FontkitFont };

export interface FontFamily {
  /** Family name used in document definitions. */
  name: string;
  regular: string;
  bold: string;
}

/** A font file as read once per process: its bytes (the key pdfkit finds it by) and its parsed font. */
export interface LoadedFont {
  file: string;
  data: Buffer;
  font: FontkitFont;
}

let fontkit: Fontkit | undefined;
const beforeLoad: (() => void)[] = [];

/** Runs `hook` before fontkit loads: the PDF engine's start-up stand-ins must be in `require`'s cache first. */
export function beforeFontkitLoads(hook: () => void): void {
  beforeLoad.push(hook);
}

/**
 * The fontkit pdfkit loads, as it was before the PDF engine put its font cache in `require`'s
 * cache: loading it here loads neither pdfmake nor pdfkit and patches no method.
 */
export function realFontkit(): Fontkit {
  if (!fontkit) {
    for (const hook of beforeLoad) hook();
    fontkit = pdfkitRequire('fontkit') as Fontkit;
  }
  return fontkit;
}

const afterParse: ((font: FontkitFont) => void)[] = [];

/** Runs `hook` on every font parsed from now on, before it is used: the PDF engine's patches of fontkit's font class. */
export function whenFontParsed(hook: (font: FontkitFont) => void): void {
  afterParse.push(hook);
}

const parsed = new WeakMap<Uint8Array, FontkitFont>();
let parses = 0;

/** Parses a font once per buffer: metrics, coverage and pdfkit's embedding share one parse. */
export function parseFont(buffer: Uint8Array, postscriptName?: string): FontkitFont {
  let font = parsed.get(buffer);
  if (!font) {
    font = realFontkit().create(buffer, postscriptName);
    for (const hook of afterParse) hook(font);
    parses++;
    memoizeCoverage(font);
    parsed.set(buffer, font);
  }
  return font;
}

/** Fonts parsed in this process. */
export const fontParses = (): number => parses;

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

/** Every font file a registered family uses, by path (bundled families and the portfolios' own, bounded below). */
const files = new Map<string, LoadedFont>();

/** Font files read ahead of their first use: the bytes once read. */
const readAhead = new Map<string, { data?: Buffer }>();

/**
 * Starts reading a family's files in the background (libuv's thread pool) before it is
 * registered: reading the bundled CJK faces (14 MB, mostly page faults on fresh memory) takes
 * ~10 ms, which then overlaps with loading modules and reading the portfolio. Files loaded or
 * being read already are skipped; one not read by the time it is needed is read then, as usual.
 */
export function readFamilyAhead(family: FontFamily): void {
  for (const file of new Set([family.regular, family.bold])) {
    if (files.has(file) || readAhead.has(file)) continue;
    let fd: number;
    let size: number;
    try {
      fd = openSync(file, 'r');
    } catch {
      continue;
    }
    try {
      size = fstatSync(fd).size;
    } catch {
      // Only a head start: the file is read (and any error reported) when it is loaded.
      closeSync(fd);
      continue;
    }
    const entry: { data?: Buffer } = {};
    readAhead.set(file, entry);
    // One read of the whole file: the thread pool does it all while this thread is busy (a
    // chunked readFile would wait for this thread between chunks).
    const data = Buffer.allocUnsafe(size);
    read(fd, data, 0, size, 0, (error, bytes) => {
      closeSync(fd);
      if (error || bytes !== size) {
        readAhead.delete(file);
        return;
      }
      entry.data = data;
      // Its checksum now: this thread is usually waiting for the portfolio's files meanwhile.
      usableKey(data);
    });
  }
}

function load(file: string): LoadedFont {
  let loaded = files.get(file);
  if (!loaded) {
    const data = readAhead.get(file)?.data ?? readFileSync(file);
    readAhead.delete(file);
    const font = parseFont(data);
    if (!provenUsable(data)) {
      assertUsable(font as ParsedFont, data.length);
      rememberUsable(data);
    }
    loaded = { file, data, font };
    files.set(file, loaded);
  }
  return loaded;
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

/** Reads and parses a font file once per process. Throws if it is unreadable or not a usable font. */
export const loadFont = (file: string): FontkitFont => load(file).font;

export interface RegisteredFamily {
  family: FontFamily;
  regular: LoadedFont;
  bold: LoadedFont;
  /** Shipped with licheng (kept for the whole process), or a portfolio's own (dropped when others are newer). */
  bundled: boolean;
}

/** Registered families, the least recently registered first. */
const families = new Map<string, RegisteredFamily>();

/**
 * A portfolio's own fonts (主題's 字型) a long-lived process keeps parsed: a language server whose
 * student tries fonts, a queue worker serving many schools. Bundled families are never dropped.
 */
const portfolioFamiliesKept = 4;

/** Registers a family once per process; later calls are free. Throws if a file is unreadable or not a font. */
export function registerFamily(family: FontFamily, bundled = true): void {
  const known = families.get(family.name);
  if (known && known.family.regular === family.regular && known.family.bold === family.bold) {
    // Recently used: the last to be dropped.
    families.delete(family.name);
    families.set(family.name, known);
    return;
  }
  const entry = { family, regular: load(family.regular), bold: load(family.bold), bundled };
  families.set(family.name, entry);
  for (const font of [entry.regular.font, entry.bold.font]) claimAscii(font);
  dropOldPortfolioFamilies();
}

function dropOldPortfolioFamilies(): void {
  const own = [...families.values()].filter((entry) => !entry.bundled);
  for (const entry of own.slice(0, Math.max(0, own.length - portfolioFamiliesKept))) families.delete(entry.family.name);
  const used = new Set([...families.values()].flatMap((entry) => [entry.family.regular, entry.family.bold]));
  for (const file of files.keys()) if (!used.has(file)) files.delete(file);
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

/** Every family registered, for the PDF engine to hand its files over. */
export const registeredFamilies = (): IterableIterator<RegisteredFamily> => families.values();

/** Registers `family` unless a family of its name is registered (its use then moves nothing). */
export function ensureFamily(family: FontFamily): void {
  if (!families.has(family.name)) registerFamily(family);
}

/**
 * A family's regular face as a Coverage, registered (read and parsed) the first time a character
 * is looked up in it: the code and emoji faces come after the body face, so only a document with
 * code, or with a character the body face lacks, loads them.
 */
export function coverageOnDemand(family: FontFamily): { hasGlyphForCodePoint(codePoint: number): boolean } {
  let font: FontkitFont | undefined;
  return {
    hasGlyphForCodePoint(codePoint) {
      if (!font) {
        ensureFamily(family);
        font = fontkitFont(family.name);
      }
      return font.hasGlyphForCodePoint(codePoint);
    },
  };
}

/** The parsed font of a registered family, for metrics and coverage (missing glyphs) without a second parse. */
export function fontkitFont(familyName: string, bold = false): FontkitFont {
  const entry = families.get(familyName);
  if (!entry) throw new Error(`font family ${familyName} is not registered`);
  return bold ? entry.bold.font : entry.regular.font;
}
