/**
 * What the patches that write page content themselves (`behaviour/pdfmake-line-text.ts`,
 * `speed/pdfmake-render-vector.ts`) need to write it as pdfkit would.
 */

/** pdfkit's number format in content streams (`PDFObject.number`). */
export const number = (n: number): number => Math.round(n * 1e6) / 1e6;

/** The part of a pdfkit document a colour is resolved with. */
export interface ColourDoc {
  resolveColor(color: unknown, fallback: string): unknown;
  _normalizeColor(color: unknown): unknown;
}

/** A colour as pdfkit's `fillColor` / `strokeColor` set it: what pdfmake resolved, and the components of an RGB one (none for other colours). */
export interface Colour {
  resolved: unknown;
  rgb: string | undefined;
}

const colours = new WeakMap<ColourDoc, Map<unknown, Colour>>();

/** Resolving a colour parses it (pdfmake checks it is one): once per colour and document. */
export function colourOf(doc: ColourDoc, color: unknown): Colour {
  let known = colours.get(doc);
  if (!known) colours.set(doc, (known = new Map()));
  let colour = known.get(color);
  if (!colour) {
    const resolved = doc.resolveColor(color, 'black');
    const normalized = typeof resolved === 'string' ? doc._normalizeColor(resolved) : undefined;
    colour = { resolved, rgb: Array.isArray(normalized) && normalized.length === 3 ? normalized.join(' ') : undefined };
    known.set(color, colour);
  }
  return colour;
}
