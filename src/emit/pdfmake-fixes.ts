// pdfkit must receive the cached fontkit, whoever loads this module first.
import './fontkit-cache.js';
import { recordPatch } from './method-patches.js';
import { pdfmakeRequire } from './vendor.js';

/**
 * Changes to pdfmake 0.3.11 and pdfkit where theirs loses content, grows out of proportion or
 * warns for nothing. Documents they do not concern are the same to the byte.
 */

/**
 * pdfmake's writer takes a listener for every table, table row and list it is inside of, and Node
 * warned of a leak (on the user's terminal) from the eleventh on: a quote in a list in a quote.
 * Nesting is bounded (lists and quotes stop at eight levels, src/layout/markdown.ts), so the
 * writer may have as many as that takes.
 */
const ElementWriter = (pdfmakeRequire('./ElementWriter.js') as { default: { prototype: object } }).default;
Object.defineProperty(ElementWriter.prototype, '_maxListeners', { value: 100, writable: true });

/**
 * Columns and table columns whose longest words are together wider than the room were each set
 * as wide as its longest word, and the table ran off the page, its last columns cut away (a code
 * block or quote holding a long identifier, a table of many columns). They now share the room in
 * proportion to those widths; a word wider than its column is cut where it must be, as in text.
 */
interface Column {
  width?: unknown;
  _calcWidth: number;
}
type BuildColumnWidths = (columns: Column[], availableWidth: number, offsetTotal?: number, tableNode?: unknown) => void;
const columnCalculator = (pdfmakeRequire('./columnCalculator.js') as { default: { buildColumnWidths: BuildColumnWidths } }).default;
const originalBuildColumnWidths = columnCalculator.buildColumnWidths;
const flexible = (column: Column) => column.width === 'auto' || column.width === '*' || column.width === 'star' || column.width === null || column.width === undefined;
columnCalculator.buildColumnWidths = function buildColumnWidths(columns, availableWidth, offsetTotal, tableNode) {
  originalBuildColumnWidths.call(this, columns, availableWidth, offsetTotal, tableNode);
  let room = availableWidth;
  let used = 0;
  for (const column of columns) {
    if (flexible(column)) used += column._calcWidth;
    else room -= column._calcWidth;
  }
  if (room <= 0 || used <= room + 0.01) return;
  for (const column of columns) if (flexible(column)) column._calcWidth *= room / used;
};
// Changes only what did not fit the page.
recordPatch('columns share the room they overflowed', columnCalculator, 'buildColumnWidths', originalBuildColumnWidths, false);

/**
 * pdfkit writes a link's address into every piece of it that pdfmake sets (a wrapped URL is
 * one piece per path segment, a Chinese link text one per character), so a PDF grew with the
 * square of a long URL's length: 4,000 characters made 4 MB. Pieces of one address now share one
 * URI action per document.
 */
interface LinkingDocument {
  link(x: number, y: number, w: number, h: number, url: unknown, options?: Record<string, unknown>): unknown;
  annotate(x: number, y: number, w: number, h: number, options: Record<string, unknown>): unknown;
  ref(data: object): { end(): void };
}
const PdfkitDocument = pdfmakeRequire('pdfkit') as { prototype: LinkingDocument };
const originalLink = PdfkitDocument.prototype.link;
const uriActions = new WeakMap<LinkingDocument, Map<string, unknown>>();
/** pdfkit's `link` for a URL, but for the shared action. */
PdfkitDocument.prototype.link = function link(x, y, w, h, url, options = {}) {
  if (typeof url !== 'string') return originalLink.call(this, x, y, w, h, url, options);
  let actions = uriActions.get(this);
  if (!actions) uriActions.set(this, (actions = new Map()));
  let action = actions.get(url);
  if (!action) {
    const ref = this.ref({ S: 'URI', URI: new String(url) });
    ref.end();
    actions.set(url, (action = ref));
  }
  options.Subtype = 'Link';
  options.A = action;
  if (options.structParent && !options.Contents) options.Contents = new String('');
  return this.annotate(x, y, w, h, options);
};
// Fewer objects in PDFs with links: one action per address instead of one per piece.
recordPatch('one action per link address', PdfkitDocument.prototype, 'link', originalLink, false);
