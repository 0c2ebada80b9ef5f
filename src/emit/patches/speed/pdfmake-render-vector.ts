import { pdfmakeRequire } from '../../../infra/vendor.js';
import { colourOf, number } from '../pdfkit-content.js';
import { applyPatch, type Patch } from '../registry.js';

/**
 * pdfmake draws every table rule and box through a dozen pdfkit calls (line width, dash, join,
 * cap, the path, the colour parsed and normalised again, its opacity looked up): a three-page
 * document has ~100 of them. For the vectors licheng draws — a line, or a rectangle without round
 * corners, in one RGB colour, solid — the same operators are written here as one piece of content,
 * each colour's operators made once per document. Anything else (dashes, gradients, patterns,
 * ellipses, paths, other colour spaces) is left to pdfmake.
 */
interface Vector {
  type: string;
  lineWidth?: number;
  dash?: unknown;
  lineJoin?: unknown;
  lineCap?: unknown;
  linearGradient?: unknown;
  r?: unknown;
  x?: number;
  y?: number;
  w?: number;
  h?: number;
  x1?: number;
  y1?: number;
  x2?: number;
  y2?: number;
  color?: unknown;
  lineColor?: unknown;
  fillOpacity?: unknown;
  strokeOpacity?: unknown;
}
interface Doc {
  addContent(data: string): Doc;
  resolveColor(color: unknown, fallback: string): unknown;
  _normalizeColor(color: unknown): unknown;
  _fillColor: unknown;
  _opacityRegistry: Record<string, [unknown, string] | undefined>;
  page: { ext_gstates: Record<string, unknown> };
  fillOpacity(opacity: number): Doc;
  strokeOpacity(opacity: number): Doc;
}
type RenderVector = (this: { pdfDocument: Doc }, vector: Vector) => void;

/** pdfkit's line join and cap styles by name (`_JOIN_STYLES`, `_CAP_STYLES`). */
const joins: Record<string, number> = { MITER: 0, ROUND: 1, BEVEL: 2 };
const caps: Record<string, number> = { BUTT: 0, ROUND: 1, SQUARE: 2 };

/** pdfkit's `PDFObject.number` for the numbers it accepts (it throws beyond ±1e21: pdfmake's path then). */
const inRange = (n: unknown): n is number => typeof n === 'number' && n > -1e21 && n < 1e21;

/** pdfmake's `isNumber`. */
const isNumber = (value: unknown): value is number => typeof value === 'number' && !Number.isNaN(value);

/** The `gs` operator of an opacity pdfkit has registered already (`_doOpacity`), or undefined. */
function knownOpacity(doc: Doc, key: string): string | undefined {
  const registered = doc._opacityRegistry[key];
  if (!registered) return undefined;
  doc.page.ext_gstates[registered[1]] = registered[0];
  return `/${registered[1]} gs`;
}

const clamp = (opacity: number): number => Math.max(0, Math.min(1, opacity));

/** Style name to pdfkit's number, or undefined when pdfkit's own call is needed. */
function style(value: unknown, fallback: string, names: Record<string, number>): number | undefined {
  const name = value || fallback;
  return typeof name === 'string' ? names[name.toUpperCase()] : undefined;
}

/** The path operators of a vector licheng draws, or undefined for pdfmake's own way. */
function path(vector: Vector): string | undefined {
  if (vector.type === 'line') {
    const { x1, y1, x2, y2 } = vector;
    if (!inRange(x1) || !inRange(y1) || !inRange(x2) || !inRange(y2)) return undefined;
    return `${number(x1)} ${number(y1)} m\n${number(x2)} ${number(y2)} l`;
  }
  if (vector.type === 'rect' && !vector.r) {
    const { x, y, w, h } = vector;
    if (!inRange(x) || !inRange(y) || !inRange(w) || !inRange(h)) return undefined;
    return `${number(x)} ${number(y)} ${number(w)} ${number(h)} re`;
  }
  return undefined;
}

export const renderVector: Patch = {
  name: 'rules and boxes written at once',
  package: 'pdfmake',
  version: '0.3.11',
  target: 'Renderer.prototype.renderVector',
  sha256: '5d19ddae02ff9306d515b5d61d6ef3238ab45c256333a0cdd686625774ab6fb4',
  kind: 'speed',
  replace: (original: RenderVector): RenderVector =>
    function renderVector(vector) {
      const doc = this.pdfDocument;
      const width = vector.lineWidth || 1;
      const join = style(vector.lineJoin, 'miter', joins);
      const cap = style(vector.lineCap, 'butt', caps);
      const shape = path(vector);
      // Only strings: pdfmake turns a two-item array into a pattern.
      const plainColour = (c: unknown) => c === undefined || c === null || c === '' || typeof c === 'string';
      if (
        vector.dash ||
        vector.linearGradient ||
        !inRange(width) ||
        join === undefined ||
        cap === undefined ||
        !shape ||
        !plainColour(vector.color) ||
        !plainColour(vector.lineColor)
      )
        return original.call(this, vector);
      const fill = vector.color ? colourOf(doc, vector.color) : undefined;
      const stroke = vector.color && !vector.lineColor ? undefined : colourOf(doc, vector.lineColor);
      if ((fill && !fill.rgb) || (stroke && !stroke.rgb)) return original.call(this, vector);
      let content = `${number(width)} w\n[] 0 d\n${join} j\n${cap} J\n${shape}`;
      if (fill) {
        const opacity = clamp(isNumber(vector.fillOpacity) ? vector.fillOpacity : 1);
        const gs = knownOpacity(doc, `${opacity}_null`);
        content += `\n/DeviceRGB cs\n${fill.rgb} scn`;
        if (gs) content += `\n${gs}`;
        else {
          doc.addContent(content);
          doc.fillOpacity(opacity);
          content = '';
        }
        doc._fillColor = [fill.resolved, isNumber(vector.fillOpacity) ? vector.fillOpacity : 1];
      }
      if (stroke) {
        const opacity = clamp(isNumber(vector.strokeOpacity) ? vector.strokeOpacity : 1);
        const gs = knownOpacity(doc, `null_${opacity}`);
        content += `${content ? '\n' : ''}/DeviceRGB CS\n${stroke.rgb} SCN`;
        if (gs) content += `\n${gs}`;
        else {
          doc.addContent(content);
          doc.strokeOpacity(opacity);
          content = '';
        }
      }
      const paint = fill && stroke ? 'B' : fill ? 'f' : 'S';
      doc.addContent(content ? `${content}\n${paint}` : paint);
    },
};

export const installRenderVector = (): boolean =>
  applyPatch(renderVector, (pdfmakeRequire('./Renderer.js') as { default: { prototype: object } }).default.prototype);
