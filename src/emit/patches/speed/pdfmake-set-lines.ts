import { pdfmakeRequire } from '../../../infra/vendor.js';
import { applyPatch, sourceHash, type Patch } from '../registry.js';

/**
 * Text licheng has set (src/typeset/) reaches pdfmake as lines of `noWrap` pieces, broken and
 * measured already. For each piece pdfmake still ran UAX #14 over the whole piece twice (to learn
 * its first and last word, for gluing it to its neighbours), copied its style twice and looked ~25
 * properties up through the style stack. For a text node made only of such pieces this builds the
 * very same inlines: the style stack is asked once per node for what the pieces do not set
 * themselves, and words are looked for only after a piece not glued to the next already (a line's
 * last piece; licheng glues the others). It repeats, for such pieces, pdfmake 0.3.11's
 * `TextBreaker.getBreaks` and `TextInlines.measure`, and is applied only while their sources are
 * those (`helpers`). Other text goes to pdfmake's own `buildInlines`.
 */
interface Item {
  text: string;
  [key: string]: unknown;
}
interface Built {
  items: Item[];
  minWidth: number;
  maxWidth: number;
}
interface StyleStack {
  getProperty(property: string): unknown;
  styleOverrides: unknown[];
  styleDictionary: object;
  defaultStyle: object;
}
interface TextInlines {
  pdfDocument: { provideFont(family: unknown, bold: unknown, italics: unknown): { lineHeight(size: number): number } };
  widthOfText(text: string, inline: Item): number;
}
type BuildInlines = (this: TextInlines, textArray: unknown, styleContextStack: StyleStack) => Built;
interface LineBreaker {
  nextBreak(): { position: number } | null;
}

/** The look `measure` gives every inline after its font, in its order, with pdfmake's defaults. */
const looks = [
  ['alignment', 'left'],
  ['fontSize', 12],
  ['fontFeatures', null],
  ['characterSpacing', 0],
  ['color', 'black'],
  ['decoration', null],
  ['decorationColor', null],
  ['decorationStyle', null],
  ['decorationThickness', null],
  ['background', null],
  ['link', null],
  ['linkToPage', null],
  ['linkToDestination', null],
  ['noWrap', null],
  ['opacity', 1],
  ['sup', false],
  ['sub', false],
] as const;
type Look = Record<(typeof looks)[number][0], unknown>;
const LEADING = /^(\s)+/g;
const TRAILING = /(\s)+$/g;
/** Characters UAX #14 breaks after by force: pdfmake treats those words apart. */
const mandatoryBreak = /[\n\r\v\f\u0085\u2028\u2029]/;

const isValue = (value: unknown) => value !== undefined && value !== null;

/** A text node's `text` as licheng sets it: pieces that pdfmake must not break, with no named style of their own. */
function isSetText(textArray: unknown): textArray is Item[] {
  if (!Array.isArray(textArray) || textArray.length === 0) return false;
  for (const piece of textArray as Record<string, unknown>[]) {
    if (piece === null || typeof piece !== 'object' || Array.isArray(piece)) return false;
    if (piece.noWrap !== true || typeof piece.text !== 'string' || piece.style !== undefined || piece._textRef !== undefined) return false;
    if (mandatoryBreak.test(piece.text)) return false;
  }
  return true;
}

export const setLines: Patch = {
  name: 'set lines measured once per node',
  package: 'pdfmake',
  version: '0.3.11',
  target: 'TextInlines.prototype.buildInlines',
  sha256: '327a9315937894113196e61783bca34f080151615046f2f38871885e9d1c4d4f',
  kind: 'speed',
  replace: (original: BuildInlines): BuildInlines =>
    function buildInlines(textArray, styleContextStack) {
      if (!isSetText(textArray)) return original.call(this, textArray, styleContextStack);
      const { values: stackValues, node, known } = sharedValues(styleContextStack);
      // What the style stack gives a property an item does not set (the item is pushed on top, and has none).
      const value = (item: Item, property: string, fallback: unknown) => {
        if (isValue(item[property])) return item[property];
        if (node && isValue(node[property])) return node[property];
        if (!stackValues.has(property)) stackValues.set(property, styleContextStack.getProperty(property));
        const found = stackValues.get(property);
        return isValue(found) ? found : fallback;
      };
      // What an item not setting a property of its look gets: the same for every item of the node, and
      // of its siblings when the node sets none of it (lines of a paragraph).
      const inherits = node === undefined || !looks.some(([property]) => isValue(node[property]));
      let base = inherits ? known?.look : undefined;
      if (!base) {
        const none: Item = { text: '' };
        base = Object.fromEntries(looks.map(([property, fallback]) => [property, value(none, property, fallback)])) as Look;
        if (inherits && known) known.look = base;
      }
      const items = textArray.map((piece) => inlineOf(piece, base));
      glue(items);
      measure(this, items, value);
      return extent(items, value({ text: '' }, 'noWrap', false) as boolean);
    },
};

/** Every property `buildInlines` and `measure` ask the style stack (through `value`), and none else. */
const lookedUp = [
  'font',
  'bold',
  'italics',
  ...looks.map(([property]) => property),
  'lineHeight',
  'leadingIndent',
  'preserveLeadingSpaces',
  'preserveTrailingSpaces',
];

/** Answers of the style stack to `lookedUp`, under one sequence of entries that can answer them. */
interface Shared {
  values: Map<string, unknown>;
  /** The look of an item that sets none of it, under a node that sets none either. */
  look?: Look;
  /** The answers under this sequence followed by a named style, or by an ancestor setting some of `lookedUp` (by `answerKey`). */
  names: Map<string, Shared>;
  objects: WeakMap<object, Shared>;
}
const newShared = (): Shared => ({ values: new Map(), names: new Map(), objects: new WeakMap() });
/** By style dictionary and default style: a document's. */
const roots = new WeakMap<object, WeakMap<object, Shared>>();
/** Each ancestor's `answerKey`. */
const answerKeys = new WeakMap<object, string | object | null>();

/**
 * What a stack entry (an ancestor node) answers: nothing (null) when it sets none of `lookedUp`;
 * else the properties it sets, as text when they are plain values (the cells of a table answer
 * alike), or the entry itself.
 */
function answerKey(entry: object): string | object | null {
  let key = answerKeys.get(entry);
  if (key !== undefined) return key;
  let text = '';
  let plain = true;
  for (const property of lookedUp) {
    const value = (entry as Record<string, unknown>)[property];
    if (!isValue(value)) continue;
    if (typeof value === 'object' || typeof value === 'function') plain = false;
    text += `\u0000${property}\u0001${typeof value}\u0001${String(value)}`;
  }
  key = text === '' ? null : plain ? text : entry;
  answerKeys.set(entry, key);
  return key;
}

/**
 * The style stack's answers for a text node, shared with every node under the same entries that
 * can answer (named styles, and ancestors setting some of the look; the stacks and blocks between
 * them set none): the lines of a paragraph, the paragraphs of a section. The node itself is on top,
 * pushed by measureNode (after its named styles) and again by measureLeaf: a property it sets is
 * answered by `node`, the others by the entries below it, its named styles first.
 */
function sharedValues(stack: StyleStack): { values: Map<string, unknown>; node?: Record<string, unknown>; known?: Shared } {
  const entries = stack.styleOverrides;
  const node = entries[entries.length - 1] as Record<string, unknown> | undefined;
  const { styleDictionary, defaultStyle } = stack;
  if (!node || typeof node !== 'object' || typeof styleDictionary !== 'object' || typeof defaultStyle !== 'object') return { values: new Map() };
  let byDefault = roots.get(styleDictionary);
  if (!byDefault) roots.set(styleDictionary, (byDefault = new WeakMap()));
  let at = byDefault.get(defaultStyle);
  if (!at) byDefault.set(defaultStyle, (at = newShared()));
  let end = entries.length;
  while (end > 0 && entries[end - 1] === node) end--;
  for (let i = 0; i < end; i++) {
    const entry = entries[i];
    let next: Shared | undefined;
    if (typeof entry === 'string') {
      next = at.names.get(entry);
      if (!next) at.names.set(entry, (next = newShared()));
    } else if (typeof entry === 'object' && entry !== null) {
      const key = answerKey(entry);
      if (key === null) continue;
      next = typeof key === 'string' ? at.names.get(key) : at.objects.get(key);
      if (!next) {
        next = newShared();
        if (typeof key === 'string') at.names.set(key, next);
        else at.objects.set(key, next);
      }
    } else continue;
    at = next;
  }
  return { values: at.values, node, known: at };
}

/** getBreaks' gluing: a piece whose last word and the next one's first word are one word is kept with it. */
function glue(items: Item[]): void {
  for (let i = 1; i < items.length; i++) {
    const before = items[i - 1]!;
    if (before.noNewLine === true) continue;
    const last = lastWord(before.text);
    if (last && isOneWord(last + firstWord(items[i]!.text))) before.noNewLine = true;
  }
}

/**
 * The inline of a piece with its look (the piece's own, else the node's), in one object of the shape
 * `measure` completes: pdfmake's adding ~25 properties one at a time made each inline's storage grow
 * again and again. Every property here is one `measure` sets; the piece's others follow.
 */
function inlineOf(piece: Item, base: Look): Item {
  const item: Item = {
    text: piece.text,
    font: piece.font,
    alignment: piece.alignment ?? base.alignment,
    fontSize: piece.fontSize ?? base.fontSize,
    fontFeatures: piece.fontFeatures ?? base.fontFeatures,
    characterSpacing: piece.characterSpacing ?? base.characterSpacing,
    color: piece.color ?? base.color,
    decoration: piece.decoration ?? base.decoration,
    decorationColor: piece.decorationColor ?? base.decorationColor,
    decorationStyle: piece.decorationStyle ?? base.decorationStyle,
    decorationThickness: piece.decorationThickness ?? base.decorationThickness,
    background: piece.background ?? base.background,
    link: piece.link ?? base.link,
    linkToPage: piece.linkToPage ?? base.linkToPage,
    linkToDestination: piece.linkToDestination ?? base.linkToDestination,
    noWrap: piece.noWrap ?? base.noWrap,
    opacity: piece.opacity ?? base.opacity,
    sup: piece.sup ?? base.sup,
    sub: piece.sub ?? base.sub,
    width: 0,
    height: 0,
    leadingCut: 0,
    trailingCut: 0,
  };
  for (const key in piece) if (!(key in item) && Object.hasOwn(piece, key)) item[key] = piece[key];
  return item;
}

/** pdfmake's `measure`, for inlines whose style the stack gives once. */
function measure(inlines: TextInlines, items: Item[], value: (item: Item, property: string, fallback: unknown) => unknown): void {
  const first = items[0]!;
  const leadingIndent = value(first, 'leadingIndent', 0) as number;
  if (leadingIndent) {
    first.leadingCut = -leadingIndent;
    first.leadingIndent = leadingIndent;
  }
  for (const item of items) {
    const font = inlines.pdfDocument.provideFont(value(item, 'font', 'Roboto'), value(item, 'bold', false), value(item, 'italics', false));
    item.font = font;
    if (item.sup || item.sub) (item.fontSize as number) *= 0.58;
    const lineHeight = value(item, 'lineHeight', 1) as number;
    item.width = inlines.widthOfText(item.text, item);
    item.height = font.lineHeight(item.fontSize as number) * lineHeight;
    if (!item.leadingCut) item.leadingCut = 0;
    if (!value(item, 'preserveLeadingSpaces', false)) {
      const leading = item.text.match(LEADING);
      if (leading) (item.leadingCut as number) += inlines.widthOfText(leading[0], item);
    }
    item.trailingCut = 0;
    if (!value(item, 'preserveTrailingSpaces', false)) {
      const trailing = item.text.match(TRAILING);
      if (trailing) item.trailingCut = inlines.widthOfText(trailing[0], item);
    }
  }
}

/** buildInlines' minimum and maximum widths of measured inlines (`noWrap` from the style stack). */
function extent(items: Item[], noWrap: boolean): Built {
  const trimmed = (item: { width: number; leadingCut: number; trailingCut: number }) => Math.max(0, item.width - item.leadingCut - item.trailingCut);
  let minWidth = 0;
  let maxWidth = 0;
  let line: { width: number; leadingCut: number; trailingCut: number } | null = null;
  for (const item of items) {
    minWidth = Math.max(minWidth, trimmed(item as unknown as { width: number; leadingCut: number; trailingCut: number }));
    if (!line) line = { width: 0, leadingCut: item.leadingCut as number, trailingCut: 0 };
    line.width += item.width as number;
    line.trailingCut = item.trailingCut as number;
    maxWidth = Math.max(maxWidth, trimmed(line));
    if (item.lineEnd) line = null;
  }
  if (noWrap) minWidth = maxWidth;
  return { items, minWidth, maxWidth };
}

let LineBreakerClass: (new (text: string) => LineBreaker) | undefined;
/** UAX #14 over `text`, by the very `linebreak` pdfmake loads (looked up once: `require` resolves each time). */
function breaker(text: string): LineBreaker {
  LineBreakerClass ??= pdfmakeRequire('linebreak') as new (text: string) => LineBreaker;
  return new LineBreakerClass(text);
}

/** The first word UAX #14 finds in `text` (pdfmake's splitWords without a forced break). */
function firstWord(text: string): string {
  if (text === '') return '';
  return text.slice(0, breaker(text).nextBreak()!.position);
}

function lastWord(text: string): string {
  if (text === '') return '';
  const words = breaker(text);
  let start = 0;
  let end = 0;
  for (let found = words.nextBreak(); found; found = words.nextBreak()) [start, end] = [end, found.position];
  return text.slice(start, end);
}

const isOneWord = (text: string): boolean => text === '' || breaker(text).nextBreak()!.position === text.length;

/** The sources `setLines` repeats, by their hashes in pdfmake 0.3.11. */
const helpers = {
  getBreaks: '24265b010e00f076d10a7e0c924fe8f86e102842827182b1496ca357d21f539a',
  measure: 'cb17af19531a9de1c73b790bea462553e9c1cce4d9ad1287ffae59aa42c6d87c',
};

/** Applies `setLines` while pdfmake's getBreaks and measure are the ones it repeats. */
export function installSetLines(): void {
  const TextInlines = (pdfmakeRequire('./TextInlines.js') as { default: { prototype: { measure: unknown } } }).default;
  const TextBreaker = (pdfmakeRequire('./TextBreaker.js') as { default: { prototype: { getBreaks: unknown } } }).default;
  if (sourceHash(TextBreaker.prototype.getBreaks) !== helpers.getBreaks || sourceHash(TextInlines.prototype.measure) !== helpers.measure) return;
  applyPatch(setLines, TextInlines.prototype);
}
