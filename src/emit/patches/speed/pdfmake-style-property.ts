import { pdfmakeRequire } from '../../../infra/vendor.js';
import { applyPatch, type Patch } from '../registry.js';

/**
 * pdfmake looks a style property up through the stack of a node's ancestors and named styles,
 * and made a closure and a Set (to stop at a style that extends itself) on every lookup, tens of
 * thousands of them a document. The same lookup is made here with a Set only when a named style
 * extends another: the same styles are asked in the same order, and a style met twice answers
 * nothing the second time, as pdfmake's visited set makes it.
 */
interface Style {
  extends?: string | string[];
  [property: string]: unknown;
}
interface StyleStack {
  styleOverrides: unknown[];
  styleDictionary: Record<string, Style | undefined>;
  defaultStyle?: Record<string, unknown>;
}
type GetProperty = (this: StyleStack, property: string) => unknown;

const isValue = (value: unknown): boolean => value !== undefined && value !== null;

/** pdfmake's `isString`. */
const isString = (value: unknown): boolean => typeof value === 'string' || value instanceof String;

/** A named style's value of `property`, or of the styles it extends (the last first). */
function fromStyle(dictionary: StyleStack['styleDictionary'], name: unknown, property: string, visited: Set<unknown> | undefined): unknown {
  if (visited?.has(name)) return undefined;
  const style = dictionary[name as string];
  if (!style) return undefined;
  if (isValue(style[property])) return style[property];
  if (!style.extends) return undefined;
  const seen = visited ?? new Set();
  seen.add(name);
  const parents = Array.isArray(style.extends) ? style.extends : [style.extends];
  for (let i = parents.length - 1; i >= 0; i--) {
    const value = fromStyle(dictionary, parents[i], property, seen);
    if (isValue(value)) return value;
  }
  return undefined;
}

export const styleProperty: Patch = {
  name: 'style lookups without a Set each',
  package: 'pdfmake',
  version: '0.3.11',
  target: 'StyleContextStack.prototype.getProperty',
  sha256: '1f44d5be2de5a5d4de85f8a59689ae9d8c9a46191b01a8f18f5406d5b48810c9',
  kind: 'speed',
  replace: (): GetProperty =>
    function getProperty(property) {
      const overrides = this.styleOverrides;
      if (overrides) {
        for (let i = overrides.length - 1; i >= 0; i--) {
          const item = overrides[i] as Record<string, unknown>;
          if (isString(item)) {
            const value = fromStyle(this.styleDictionary, item, property, undefined);
            if (isValue(value)) return value;
          } else if (isValue(item[property])) return item[property];
        }
      }
      // `&&` as pdfmake's: no default style answers itself (null stays null).
      const defaults = this.defaultStyle;
      return defaults ? defaults[property] : defaults;
    },
};

export const installStyleProperty = (): boolean =>
  applyPatch(styleProperty, (pdfmakeRequire('./StyleContextStack.js') as { default: { prototype: object } }).default.prototype);
