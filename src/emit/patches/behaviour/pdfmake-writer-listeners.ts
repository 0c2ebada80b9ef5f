import { pdfmakeRequire } from '../../../infra/vendor.js';
import { applyPatch, type Patch } from '../registry.js';

/**
 * pdfmake's writer takes a listener for every table, table row and list it is inside of, and Node
 * warned of a leak (on the user's terminal) from the eleventh on: a quote in a list in a quote.
 * Nesting is bounded (lists and quotes stop at eight levels, src/layout/markdown.ts), so the
 * writer may have as many as that takes. The original is Node's default (no own value: the hash
 * is of `undefined`).
 */
export const maxListeners: Patch = {
  name: 'writer listeners for deep nesting',
  package: 'pdfmake',
  version: '0.3.11',
  target: 'ElementWriter.prototype._maxListeners',
  sha256: 'eb045d78d273107348b0300c01d29b7552d622abbc6faf81b3ec55359aa9950c',
  kind: 'behaviour',
  replace: () => 100,
};

const elementWriter = () => (pdfmakeRequire('./ElementWriter.js') as { default: { prototype: object } }).default.prototype;
export const installMaxListeners = (): boolean => applyPatch(maxListeners, elementWriter());
