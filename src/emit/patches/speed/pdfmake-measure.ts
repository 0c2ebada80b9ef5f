import { pdfmakeRequire } from '../../../infra/vendor.js';
import { applyPatch, type Patch } from '../registry.js';

/**
 * pdfmake breaks Chinese text into one "word" per character, then looks up ~20 style properties
 * through the style stack for every character. Words that share their own style get the style
 * stack's answers once per run of words.
 */
interface Item {
  text: string;
  [key: string]: unknown;
}
type Measure = (this: unknown, array: Item[], styleContextStack: unknown) => Item[];
type CopyStyle = (this: unknown, source?: object | null, destination?: object) => object;
interface StyleContextStack {
  getStyleProperty(item: Item, stack: unknown, property: string, fallback: unknown): unknown;
  copyStyle: CopyStyle;
}
export interface TextMeasurer {
  widthOfText(text: string, inline: Item): number;
}

/**
 * Which style object a word was copied from (the words of one text node share theirs), kept
 * under a symbol: pdfmake's own `for…in` copies never see it.
 */
const styleSource = Symbol('licheng.styleSource');

export const copyStyle: Patch = {
  name: 'style source',
  package: 'pdfmake',
  version: '0.3.11',
  target: 'StyleContextStack.copyStyle',
  sha256: 'a41e0b84e5c1db07c2d170f6f4ba7a4221277abab8b4549dd927d284f70df456',
  kind: 'speed',
  replace: (original: CopyStyle): CopyStyle =>
    function copyStyle(source, destination) {
      const copy = original.call(this, source, destination) as Record<symbol, unknown>;
      if (source) copy[styleSource] = source;
      return copy;
    },
};

/** Properties `measure` derives from the style stack; they depend only on the item's own style keys. */
const derived = [
  'font',
  'alignment',
  'fontSize',
  'fontFeatures',
  'characterSpacing',
  'color',
  'decoration',
  'decorationColor',
  'decorationStyle',
  'decorationThickness',
  'background',
  'link',
  'linkToPage',
  'linkToDestination',
  'noWrap',
  'opacity',
  'sup',
  'sub',
  'height',
] as const;
/**
 * What an item carries that is not style: its text and what measuring it sets. Everything else an
 * item has of its own (a link, a colour, a smaller size) is style and must be part of its key.
 */
const positional = new Set<string>(['text', 'lineEnd', 'noNewLine', 'leadingCut', 'leadingIndent', 'trailingCut', 'width']);

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

const keyOf = (item: Item) => {
  let key = '';
  for (const name in item) {
    if (positional.has(name)) continue;
    const value = item[name];
    key += `${name}\u0000${typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value)}\u0001`;
  }
  return key;
};

export const measure: Patch = {
  name: 'measure once per style',
  package: 'pdfmake',
  version: '0.3.11',
  target: 'TextInlines.prototype.measure',
  sha256: 'cb17af19531a9de1c73b790bea462553e9c1cce4d9ad1287ffae59aa42c6d87c',
  kind: 'speed',
  replace: (original: Measure): Measure =>
    function measure(array, styleContextStack) {
      const cache = new Map<string, Item>();
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
          const [measured] = original.call(this, [item], styleContextStack) as [Item];
          const style = { ...measured };
          for (const name of ['preserveLeadingSpaces', 'preserveTrailingSpaces']) style[name] = styles().getStyleProperty(item, styleContextStack, name, false);
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
    },
};

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

const styles = () => (pdfmakeRequire('./StyleContextStack.js') as { default: StyleContextStack }).default;

/** `measure` relies on the style source: without it, it still works, keying every word. */
export function installMeasure(): void {
  applyPatch(copyStyle, styles());
  applyPatch(measure, (pdfmakeRequire('./TextInlines.js') as { default: { prototype: object } }).default.prototype);
}
