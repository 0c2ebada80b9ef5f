// pdfkit must receive the cached fontkit, whoever loads this module first.
import './fontkit-cache.js';
import { recordPatch } from './method-patches.js';
import { pdfmakeRequire } from './vendor.js';

/**
 * Changes to pdfmake 0.3.11 internals (pinned exactly in package.json) that make a CJK
 * page several times cheaper. pdfmake breaks Chinese text into one "word" per character, then
 * (1) looks up ~20 style properties through the style stack for every character,
 * (2) writes every character as its own text object, (3) lays out every word again in every
 * document, (4) runs OpenType shaping for each single character, and (5) copies the rest of a
 * paragraph for every word it places on a line. Output stays the same to the glyph; every change
 * but (2), which writes fewer and longer strings, leaves the PDF the same to the byte, and
 * test/speedups.test.ts builds with and without each one to check it.
 */
interface Item {
  text: string;
  [key: string]: unknown;
}
type Measure = (this: unknown, array: Item[], styleContextStack: unknown) => Item[];

const StyleContextStack = (pdfmakeRequire('./StyleContextStack.js') as {
  default: {
    getStyleProperty(item: Item, stack: unknown, property: string, fallback: unknown): unknown;
    copyStyle(source?: object | null, destination?: object): object;
  };
}).default;

/**
 * Which style object a word was copied from (the words of one text node share theirs), kept
 * under a symbol: pdfmake's own `for…in` copies never see it.
 */
const styleSource = Symbol('licheng.styleSource');
const originalCopyStyle = StyleContextStack.copyStyle;
StyleContextStack.copyStyle = function copyStyle(source, destination) {
  const copy = originalCopyStyle.call(this, source, destination) as Record<symbol, unknown>;
  if (source) copy[styleSource] = source;
  return copy;
};
recordPatch('style source', StyleContextStack, 'copyStyle', originalCopyStyle);
const TextInlines = (pdfmakeRequire('./TextInlines.js') as { default: { prototype: { measure: Measure } } }).default;
const Renderer = (pdfmakeRequire('./Renderer.js') as { default: { prototype: { renderLine(line: Line, x: number, y: number): void } } }).default;

/** Properties `measure` derives from the style stack; they depend only on the item's own style keys. */
const derived = [
  'font', 'alignment', 'fontSize', 'fontFeatures', 'characterSpacing', 'color', 'decoration', 'decorationColor',
  'decorationStyle', 'decorationThickness', 'background', 'link', 'linkToPage', 'linkToDestination', 'noWrap',
  'opacity', 'sup', 'sub', 'height',
] as const;
/**
 * What an item carries that is not style: its text and what measuring it sets. Everything else an
 * item has of its own (a link, a colour, a smaller size) is style and must be part of its key.
 */
const positional = new Set<string>(['text', 'lineEnd', 'noNewLine', 'leadingCut', 'leadingIndent', 'trailingCut', 'width']);

const originalMeasure = TextInlines.prototype.measure;

/** Just the derived properties of a measured style, to copy onto a word in one step. */
const derivedCache = new WeakMap<Item, Record<string, unknown>>();
function derivedOf(style: Item): Record<string, unknown> {
  let values = derivedCache.get(style);
  if (!values) {
    values = {};
    for (const name of derived) values[name] = style[name];
    derivedCache.set(style, values);
  }
  return values;
}

/** (1) Words that share their own style get the style stack's answers once per run of words. */
TextInlines.prototype.measure = function measure(array, styleContextStack) {
  const cache = new Map<string, Item>();
  const keyOf = (item: Item) => {
    let key = '';
    for (const name in item) {
      if (positional.has(name)) continue;
      const value = item[name];
      key += `${name}\u0000${typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value)}\u0001`;
    }
    return key;
  };
  let previous: { source: object | undefined; style: Item; derived: Record<string, unknown> } | undefined;
  for (let i = 0; i < array.length; i++) {
    const item = array[i]!;
    const source = (item as unknown as Record<symbol, object | undefined>)[styleSource];
    // Consecutive words of one text node share their style object: no key to build.
    if (previous && i > 0 && source !== undefined && source === previous.source) {
      Object.assign(item, previous.derived);
      measureText(this as TextMeasurer, item, previous.style);
      continue;
    }
    const key = keyOf(item);
    const known = cache.get(key);
    // The first item keeps pdfmake's own handling of leadingIndent.
    if (!known || i === 0) {
      const [measured] = originalMeasure.call(this, [item], styleContextStack) as [Item];
      const style = { ...measured };
      for (const name of ['preserveLeadingSpaces', 'preserveTrailingSpaces']) style[name] = StyleContextStack.getStyleProperty(item, styleContextStack, name, false);
      cache.set(key, style);
      previous = { source, style, derived: derivedOf(style) };
      continue;
    }
    const derivedValues = derivedOf(known);
    Object.assign(item, derivedValues);
    measureText(this as TextMeasurer, item, known);
    previous = { source, style: known, derived: derivedValues };
  }
  return array;
};
recordPatch('measure once per style', TextInlines.prototype, 'measure', originalMeasure);


interface TextMeasurer {
  widthOfText(text: string, inline: Item): number;
}

const LEADING = /^(\s)+/g;
const TRAILING = /(\s)+$/g;

/** The text-dependent half of pdfmake's measure, for an item whose style is already known. */
function measureText(measurer: TextMeasurer, item: Item, known: Item): void {
  item.width = measurer.widthOfText(item.text, item);
  item.leadingCut = 0;
  item.trailingCut = 0;
  if (!known.preserveLeadingSpaces) {
    const leading = item.text.match(LEADING);
    if (leading) item.leadingCut = measurer.widthOfText(leading[0], item);
  }
  if (!known.preserveTrailingSpaces) {
    const trailing = item.text.match(TRAILING);
    if (trailing) item.trailingCut = measurer.widthOfText(trailing[0], item);
  }
}

interface Inline {
  text: string;
  x: number;
  width: number;
  justifyShift?: number;
  characterSpacing?: number;
  [key: string]: unknown;
}
interface Line {
  inlines: Inline[];
}

const sameLook = ['font', 'fontSize', 'color', 'opacity', 'background', 'decoration', 'decorationColor', 'decorationStyle', 'decorationThickness', 'sup', 'sub', 'fontFeatures'] as const;
const unmergeable = (inline: Inline) =>
  inline.link || inline.linkToPage || inline.linkToDestination || inline._pageNodeRef || inline.characterSpacing;

/**
 * (2) Consecutive inlines of one look become one text object. On a justified line the extra
 * space between characters becomes the PDF's character spacing (Tc), which is why only
 * single-character inlines are merged there.
 */
export function mergeInlines(inlines: Inline[]): Inline[] {
  const merged: Inline[] = [];
  let run: Inline[] = [];
  // The spacing inside the run (set by its second inline) and whether every inline is one character.
  let runShift = 0;
  let allSingle = true;
  const flush = () => {
    const first = run[0];
    if (!first) return;
    if (run.length > 1) {
      // The line is rendered once and dropped, so its first inline can become the whole run.
      const last = run[run.length - 1]!;
      let text = '';
      for (const inline of run) text += inline.text;
      first.width = last.x + last.width - first.x;
      first.text = text;
      first.characterSpacing = runShift || undefined;
    }
    merged.push(first);
    run = [];
  };
  for (const inline of inlines) {
    const previous = run[run.length - 1];
    const shift = inline.justifyShift ?? 0;
    const single = inline.text.length === 1 || (inline.text.length === 2 && inline.text.codePointAt(0)! > 0xffff);
    let joinable = previous !== undefined && !unmergeable(inline) && !unmergeable(previous) && Math.abs(previous.x + previous.width + shift - inline.x) <= 0.001;
    for (let k = 0; joinable && k < sameLook.length; k++) joinable = previous![sameLook[k]!] === inline[sameLook[k]!];
    if (joinable) joinable = run.length === 1 ? shift === 0 || (allSingle && single) : shift === runShift && (shift === 0 || (allSingle && single));
    if (!joinable) {
      flush();
      allSingle = single;
      runShift = 0;
    } else {
      if (run.length === 1) runShift = shift;
      allSingle &&= single;
    }
    run.push(inline);
  }
  flush();
  return merged;
}

const originalRenderLine = Renderer.prototype.renderLine;
Renderer.prototype.renderLine = function renderLine(line, x, y) {
  const inlines = line.inlines;
  line.inlines = mergeInlines(inlines);
  try {
    originalRenderLine.call(this, line, x, y);
  } finally {
    line.inlines = inlines;
  }
};
// Merged text objects are the point of this one: fewer, longer strings in the content stream.
recordPatch('merged text objects', Renderer.prototype, 'renderLine', originalRenderLine, false);

/**
 * (3) pdfkit lays out every word again in every document (a per-document cache). Laid-out runs
 * depend only on the font and the text, so documents of one process share them. The cache is
 * bounded in two generations: runs used since the last turnover stay, the others are dropped, so
 * a long batch keeps the words it keeps using (every Chinese character, common terms) without
 * growing with every new word it meets.
 */
interface EmbeddedFont {
  font?: FontkitLike;
  scale?: number;
  layoutCache?: Record<string, unknown>;
  sharedRuns?: RunCache;
}
interface FontkitLike {
  glyphForCodePoint(codePoint: number): { advanceWidth: number };
}

export class RunCache {
  private current = new Map<string, unknown>();
  private previous = new Map<string, unknown>();
  constructor(private readonly generation: number) {}

  get(text: string): unknown {
    const run = this.current.get(text);
    if (run !== undefined) return run;
    const kept = this.previous.get(text);
    if (kept !== undefined) this.set(text, kept);
    return kept;
  }

  set(text: string, run: unknown): void {
    if (this.current.size >= this.generation) {
      this.previous = this.current;
      this.current = new Map();
    }
    this.current.set(text, run);
  }

  get size(): number {
    return this.current.size + this.previous.size;
  }
}

const PdfmakeDocument = (pdfmakeRequire('./PDFDocument.js') as { default: { prototype: { provideFont(family: string, bold: boolean, italics: boolean): EmbeddedFont } } }).default;
const sharedRuns = new WeakMap<object, RunCache>();
/** Runs per generation (a 3-page document uses ~700): the cache stays under ~2 MB a font. */
const runsPerGeneration = 2_000;
const originalProvideFont = PdfmakeDocument.prototype.provideFont;
PdfmakeDocument.prototype.provideFont = function provideFont(family, bold, italics) {
  const embedded = originalProvideFont.call(this, family, bold, italics);
  if (embedded.sharedRuns || !embedded.layoutCache || !embedded.font) return embedded;
  let cache = sharedRuns.get(embedded.font);
  if (!cache) {
    cache = new RunCache(runsPerGeneration);
    sharedRuns.set(embedded.font, cache);
  }
  embedded.sharedRuns = cache;
  patchEmbeddedFont(Object.getPrototypeOf(embedded) as EmbeddedFontPrototype);
  return embedded;
};
recordPatch('shared laid-out runs', PdfmakeDocument.prototype, 'provideFont', originalProvideFont);

/**
 * (4) A single CJK character needs no OpenType shaping: its glyph is the cmap's and its advance
 * the glyph's. pdfmake measures Chinese text one character at a time, so this skips fontkit's
 * shaping engine (and its first-use set-up) for nearly every word of a document.
 */
type LayoutRun = (this: EmbeddedFont, text: string, features?: unknown) => unknown;
interface EmbeddedFontPrototype {
  layoutRun: LayoutRun;
  layoutCached(this: EmbeddedFont, text: string): unknown;
}
const cjk = /^[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff01-\uff60]$/u;
const patched = new WeakSet<object>();
function patchEmbeddedFont(prototype: EmbeddedFontPrototype): void {
  if (patched.has(prototype)) return;
  patched.add(prototype);
  const layoutRun = prototype.layoutRun;
  prototype.layoutRun = function (text, features) {
    if (features || !this.font || !this.scale || !cjk.test(text)) return layoutRun.call(this, text, features);
    const glyph = this.font.glyphForCodePoint(text.codePointAt(0)!);
    const advance = glyph.advanceWidth * this.scale;
    return { glyphs: [glyph], positions: [{ xAdvance: advance, yAdvance: 0, xOffset: 0, yOffset: 0, advanceWidth: advance }], advanceWidth: advance };
  };
  recordPatch('CJK without shaping', prototype, 'layoutRun', layoutRun);
  const layoutCached = prototype.layoutCached;
  prototype.layoutCached = function (text) {
    const cache = this.sharedRuns;
    if (!cache) return layoutCached.call(this, text);
    let run = cache.get(text);
    if (run === undefined) {
      run = prototype.layoutRun.call(this, text);
      cache.set(text, run);
    }
    return run;
  };
  recordPatch('shared laid-out runs (lookup)', prototype, 'layoutCached', layoutCached);
}

/**
 * (5) pdfmake asks whether the next word fits by handing over a copy of every word after it
 * (`slice(1)` once per word: quadratic in a paragraph's length, ~1.5 MB of garbage per page),
 * though only a word glued to the next (`noNewLine`) ever reads that copy. Otherwise the same
 * method as pdfmake 0.3.11's LayoutBuilder.buildNextLine, but for one rule: a word wider than the
 * line (a long URL or identifier, with the 。 after it) is cut where it fits, and pdfmake would cut
 * it before a 。 or after a 「 as readily as anywhere; the cut moves back so that it does not.
 */
const noLineStart = /^[。，、；：？！」』）》〉】〕〗〙〛｝］｠.,;:?!)\]}]/u;
const noLineEnd = /[「『（《〈【〔〖〘〚｛［｟([{]$/u;

/**
 * Where to cut a word that is too wide: at most `maxChars`, never leaving forbidden punctuation at
 * the cut — unless no cut is allowed (a run of nothing but 「 or 。), which is then cut where it
 * fits rather than one character a line.
 */
function kinsokuCut(text: string, maxChars: number): number {
  const forbidden = (cut: number) => noLineStart.test(text.slice(cut)) || noLineEnd.test(text.slice(0, cut));
  let cut = maxChars;
  while (cut > 1 && forbidden(cut)) cut--;
  return cut === 1 && forbidden(cut) ? maxChars : cut;
}
/**
 * The longest prefix of `text`, at least one character, that is no wider than `maxWidth`: widths
 * grow with the prefix, so the answer is bracketed by doubling and then found by halving. pdfmake
 * halves from the whole text, measuring prefixes as long as the word; this measures prefixes at
 * most twice as long as a line.
 */
function maxFitLength(text: string, maxWidth: number, measure: (part: string) => number): number {
  let fits = 1;
  let tooLong = text.length + 1;
  for (let probe = 2; probe <= text.length; probe *= 2) {
    if (measure(text.substring(0, probe)) > maxWidth) {
      tooLong = probe;
      break;
    }
    fits = probe;
  }
  if (tooLong === text.length + 1 && fits < text.length) {
    if (measure(text) <= maxWidth) return text.length;
    tooLong = text.length;
  }
  while (tooLong - fits > 1) {
    const mid = Math.floor((fits + tooLong) / 2);
    if (measure(text.substring(0, mid)) <= maxWidth) fits = mid;
    else tooLong = mid;
  }
  return fits;
}

interface LineBuilding {
  inlines: Inline[];
  lastLineInParagraph?: boolean;
  hasEnoughSpaceForInline(inline: Inline, nextInlines: Inline[]): boolean;
  addInline(inline: Inline): void;
  getAvailableWidth(): number;
}
interface TextNode {
  _inlines?: (Inline & { noWrap?: boolean; noNewLine?: boolean })[];
}
type LineConstructor = new (maxWidth: number) => LineBuilding;
type TextInlinesConstructor = new (pdfDocument: null) => TextMeasurer;
const LayoutBuilder = (pdfmakeRequire('./LayoutBuilder.js') as {
  default: { prototype: { buildNextLine(this: { writer: { context(): { availableWidth: number } } }, node: TextNode): LineBuilding | null } };
}).default;
const LineClass = (pdfmakeRequire('./Line.js') as { default: LineConstructor }).default;
const TextInlinesClass = TextInlines as unknown as TextInlinesConstructor;
const noInlines: Inline[] = [];

const originalBuildNextLine = LayoutBuilder.prototype.buildNextLine;
LayoutBuilder.prototype.buildNextLine = function buildNextLine(textNode) {
  const cloneInline = (inline: Inline): Inline => {
    const newInline = (inline.constructor as () => Inline)();
    for (const key in inline) newInline[key] = inline[key];
    return newInline;
  };
  if (!textNode._inlines || textNode._inlines.length === 0) return null;
  const fullWidth = this.writer.context().availableWidth;
  const line = new LineClass(fullWidth);
  const textInlines = new TextInlinesClass(null);
  const fits = (inlines: NonNullable<TextNode['_inlines']>) => line.hasEnoughSpaceForInline(inlines[0]!, inlines[0]!.noNewLine ? inlines.slice(1) : noInlines);
  let isForceContinue = false;
  while (textNode._inlines && textNode._inlines.length > 0 && (fits(textNode._inlines) || isForceContinue)) {
    let isHardWrap = false;
    const inline = textNode._inlines.shift()!;
    if (!inline.noWrap && inline.text.length > 1 && inline.width > line.getAvailableWidth()) {
      const maxChars = kinsokuCut(inline.text, maxFitLength(inline.text, line.getAvailableWidth(), (part) => textInlines.widthOfText(part, inline)));
      if (maxChars < inline.text.length) {
        const newInline = cloneInline(inline);
        const wholeWidth = inline.width;
        newInline.text = inline.text.substr(maxChars);
        inline.text = inline.text.substr(0, maxChars);
        inline.width = textInlines.widthOfText(inline.text, inline);
        // What is left of a long word is measured again only once it may fit on a line: measuring
        // every rest made a 20,000-character word take seconds per line.
        const restWidth = wholeWidth - inline.width;
        newInline.width = restWidth > 2 * fullWidth ? restWidth : textInlines.widthOfText(newInline.text, newInline);
        textNode._inlines.unshift(newInline);
        isHardWrap = true;
      }
    }
    line.addInline(inline);
    isForceContinue = Boolean(inline.noNewLine) && !isHardWrap;
  }
  line.lastLineInParagraph = textNode._inlines.length === 0;
  return line;
};
// Same bytes but where a word wider than the line is cut before 。 or after 「 (pdfmake's cut breaks the rule there).
recordPatch('no copy per placed word', LayoutBuilder.prototype, 'buildNextLine', originalBuildNextLine);
