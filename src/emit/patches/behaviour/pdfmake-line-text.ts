import { pdfmakeRequire } from '../../../infra/vendor.js';
import { colourOf, number, type Colour } from '../pdfkit-content.js';
import { applyPatch, type Patch } from '../registry.js';

/**
 * pdfmake writes each inline of a line through pdfkit's `text` (options, layout, encoding and
 * width again, a dozen calls) and sets its opacity and colour before it, with an empty `f`, even
 * when they are the line's already. A line of plain text is written here straight into the page:
 * the coordinate flip once, opacity and colour where they change, and each inline as pdfkit writes
 * it, a text object in a saved graphics state (so readers such as pdf.js still see each run of one
 * look as a piece of its own). The same glyphs at the same places; the content stream is smaller
 * and the page quicker to write. The graphics state after the line is the one pdfmake leaves (the
 * last inline's colour and opacity).
 *
 * A heading keeps its outline entry and destination, added as pdfmake adds them. Lines with
 * anything else pdfmake does per inline (links, page references, font features, text the emphasis
 * patch slants) are left to pdfmake.
 */
interface Glyph {
  id: number;
  advanceWidth: number;
  codePoints: number[];
}
interface Glyphs {
  layoutCached(text: string): { glyphs: Glyph[]; positions: Position[] };
  subset: { includeGlyph(id: number): number };
  widths: number[];
  unicode: number[][];
  scale: number;
  ref(): unknown;
  id: string;
  ascender: number;
}
interface Position {
  xAdvance: number;
  advanceWidth: number;
  xOffset: number;
  yOffset: number;
}
interface Inline {
  text: string;
  x: number;
  font: Glyphs;
  fontSize: number;
  color?: unknown;
  opacity?: unknown;
  characterSpacing?: number;
  sup?: boolean;
  sub?: boolean;
  [key: string]: unknown;
}
interface Line {
  inlines: Inline[];
  getHeight(): number;
  getAscenderHeight(): number;
  [key: string]: unknown;
}
interface Doc {
  page: { height: number; fonts: Record<string, unknown> };
  _font: unknown;
  _fontSize: number;
  addContent(data: string): Doc;
  save(): Doc;
  restore(): Doc;
  transform(a: number, b: number, c: number, d: number, e: number, f: number): Doc;
  opacity(opacity: number): Doc;
  fillColor(color: unknown): Doc;
  resolveColor(color: unknown, fallback: string): unknown;
  _normalizeColor(color: unknown): unknown;
  _fillColor: unknown;
  outline: Outline;
  addNamedDestination(name: string, kind: 'XYZ', x: number, y: number, zoom: null): void;
}
interface Outline {
  addItem(text: string, options: { expanded?: boolean }): Outline;
}
interface Renderer {
  pdfDocument: Doc;
  outlineMap: Record<string, Outline>;
}
interface LineOutline {
  id?: string;
  parentId?: string;
  text: string;
  expanded?: boolean;
}
interface Decorator {
  drawBackground(line: Line, x: number, y: number): void;
  drawDecorations(line: Line, x: number, y: number): void;
}
type RenderLine = (this: Renderer, line: Line, x: number, y: number) => void;

/** pdfmake's decorator, loaded with pdfmake (importing licheng loads none of it). */
const textDecorator = (doc: Doc): Decorator => new (pdfmakeRequire('./TextDecorator.js') as { default: new (doc: Doc) => Decorator }).default(doc);

/** What pdfmake does only through pdfkit's `text` options or beside it. */
const special = (inline: Inline): unknown =>
  inline._pageNodeRef || inline.link || inline.linkToDestination || inline.linkToPage || inline.fontFeatures || inline.emphasis || inline.text.includes('\n');
const plain = (line: Line): boolean => !line._pageNodeRef && !line.inlines.some(special);

export const lineText: Patch = {
  name: 'lines written straight into the page',
  package: 'pdfmake',
  version: '0.3.11',
  target: 'Renderer.prototype.renderLine',
  sha256: 'b71f57566c6b6c5f91ec87ea7772c610eb02d5ed6515fd81ab67bb33d4df5acc',
  kind: 'behaviour',
  replace: (original: RenderLine): RenderLine =>
    function renderLine(line, x = 0, y = 0) {
      if (!plain(line)) return original.call(this, line, x, y);
      const doc = this.pdfDocument;
      if (line._outline) addOutline(this, line._outline as LineOutline);
      const decorator = line.inlines.some((inline) => inline.background || inline.decoration) ? textDecorator(doc) : undefined;
      decorator?.drawBackground(line, x, y);
      const last = line.inlines[line.inlines.length - 1];
      if (last) {
        writeInlines(doc, line, x, y);
        doc._font = last.font;
      }
      decorator?.drawDecorations(line, x, y);
    },
};

/** The line's entry in the document outline, as pdfmake's renderLine adds it. */
function addOutline(renderer: Renderer, outline: LineOutline): void {
  const parent = (outline.parentId && renderer.outlineMap[outline.parentId]) || renderer.pdfDocument.outline;
  const item = parent.addItem(outline.text, { expanded: outline.expanded });
  if (outline.id) renderer.outlineMap[outline.id] = item;
}

/** pdfkit's `fillColor` of the colour: its operators, and the colour it remembers. */
function fill(doc: Doc, colour: Colour): void {
  if (!colour.rgb) {
    doc.fillColor(colour.resolved);
    return;
  }
  doc.addContent(`/DeviceRGB cs\n${colour.rgb} scn`);
  doc._fillColor = [colour.resolved, undefined];
}

const opacityOf = (inline: Inline): number => (typeof inline.opacity === 'number' ? inline.opacity : 1);

function writeInlines(doc: Doc, line: Line, x: number, y: number): void {
  const inlines = line.inlines;
  const lineHeight = line.getHeight();
  const descent = lineHeight - line.getAscenderHeight();
  const first = inlines[0]!;
  let opacity = opacityOf(first);
  let colour = colourOf(doc, first.color);
  // Set before the saved state, as pdfmake does: it stays for what follows the line.
  doc.opacity(opacity);
  fill(doc, colour);
  const start = { opacity, colour };
  doc.save().transform(1, 0, 0, -1, 0, doc.page.height);
  let size = 0;
  for (const [i, inline] of inlines.entries()) {
    const inlineOpacity = opacityOf(inline);
    if (inlineOpacity !== opacity) doc.opacity((opacity = inlineOpacity));
    const inlineColour = colourOf(doc, inline.color);
    if (inlineColour !== colour) fill(doc, (colour = inlineColour));
    size = inline.fontSize;
    if (!inline.text) continue;
    const font = inline.font;
    if (doc.page.fonts[font.id] == null) doc.page.fonts[font.id] = font.ref();
    let top = y + lineHeight - (font.ascender / 1000) * size - descent;
    if (inline.sup) top -= size * 0.75;
    if (inline.sub) top += size * 0.35;
    // Where pdfmake puts a heading's destination: at its first piece of text, in pdfkit's coordinates.
    if (i === 0 && line.id) doc.addNamedDestination(line.id as string, 'XYZ', x + inline.x, top, null);
    const spacing = inline.characterSpacing ? `\n${number(inline.characterSpacing)} Tc` : '';
    writeText(
      doc,
      `q\nBT\n/${font.id} ${number(size)} Tf${spacing}`,
      font,
      size,
      x + inline.x,
      doc.page.height - top - (font.ascender / 1000) * size,
      inline.text,
      '\nET\nQ',
    );
  }
  doc.restore();
  doc._fontSize = size;
  if (opacity !== start.opacity) doc.opacity(opacity);
  if (colour !== start.colour) fill(doc, colour);
}

/**
 * An inline's operators are put together here as bytes and handed to pdfkit as one string: a
 * glyph costs four stored bytes, not a string of its code and a longer one of the run so far.
 * Grown (doubled) when an inline needs more; the operators are ASCII.
 */
let scratch = Buffer.allocUnsafe(1 << 14);
let at = 0;

function room(bytes: number): void {
  if (at + bytes <= scratch.length) return;
  const grown = Buffer.allocUnsafe(Math.max(scratch.length * 2, at + bytes));
  scratch.copy(grown, 0, 0, at);
  scratch = grown;
}

/** ASCII text into the scratch (operators and numbers: a few characters, for which Buffer's `write` costs more). */
function put(text: string): void {
  room(text.length);
  for (let i = 0; i < text.length; i++) scratch[at++] = text.charCodeAt(i);
}

/** Lower-case hex digits, as `toString(16)` writes them. */
const hexDigits = Buffer.from('0123456789abcdef', 'latin1');

/** A glyph's code in the subset as pdfkit's `encode` writes it: the last four hex digits of its id. */
function putCode(id: number): void {
  room(4);
  scratch[at] = hexDigits[(id >> 12) & 15]!;
  scratch[at + 1] = hexDigits[(id >> 8) & 15]!;
  scratch[at + 2] = hexDigits[(id >> 4) & 15]!;
  scratch[at + 3] = hexDigits[id & 15]!;
  at += 4;
}

/** Writes an inline: `head`, its text showing (`glyphs`), then `tail`, as one piece of the page's content. */
function writeText(doc: Doc, head: string, font: Glyphs, size: number, x: number, y: number, text: string, tail: string): void {
  at = 0;
  put(head);
  glyphs(font, size, x, y, text);
  put(tail);
  doc.addContent(scratch.toString('latin1', 0, at));
}

/**
 * pdfkit's commands for a text: `[<hex> adjustment <hex> adjustment …] TJ`, a run of codes closed
 * by its last glyph's adjustment. Whether an array and a run are open, and the run's last glyph.
 */
let array = false;
let run = false;
let previous: Position | undefined;

/** Closes the run of codes with its last glyph's adjustment. */
function segment(): void {
  if (run) put(`> ${number(-(previous!.xAdvance - previous!.advanceWidth))}`);
  run = false;
}

/** Closes the run and the array: a `TJ` operator. */
function flush(): void {
  segment();
  if (array) put('] TJ');
  array = false;
}

/** Adds a glyph's code (its id in the subset) to the run, opening the run and the array as needed. */
function code(id: number, position: Position): void {
  if (!run) put(array ? ' <' : '\n[<');
  array = run = true;
  putCode(id);
  previous = position;
}

/**
 * The text showing of pdfkit's `_fragment` for its `encode` of the text: glyph runs with their
 * adjustments, and a new text matrix around a glyph placed off its advance, each operator on a line
 * of its own. Fused here so a line costs no arrays of hex codes and positions: the words are laid
 * out as pdfkit's `layout` splits them (each with the space or tab that ends it, from the font's
 * cache) and each glyph is added to the document's subset, widths and ToUnicode map as `encode`
 * adds it.
 */
function glyphs(font: Glyphs, size: number, x: number, y: number, text: string): void {
  const scale = size / 1000;
  let codes = glyphCodes.get(font);
  if (!codes) glyphCodes.set(font, (codes = new Map()));
  put(`\n1 0 0 1 ${number(x)} ${number(y)} Tm`);
  array = run = false;
  let hadOffset = false;
  let last = 0;
  let index = 0;
  while (index <= text.length) {
    // A space or a tab (charAt would make a string of each Chinese character).
    const char = text.charCodeAt(index);
    if (!((index === text.length && last < index) || char === 32 || char === 9)) {
      index++;
      continue;
    }
    const laidOut = font.layoutCached(text.slice(last, ++index));
    last = index;
    for (let i = 0; i < laidOut.glyphs.length; i++) {
      const position = laidOut.positions[i]!;
      const glyph = laidOut.glyphs[i]!;
      const id = codes.get(glyph.id) ?? glyphCode(font, codes, glyph);
      if (position.xOffset || position.yOffset) {
        flush();
        put(`\n1 0 0 1 ${number(x + position.xOffset * scale)} ${number(y + position.yOffset * scale)} Tm`);
        code(id, position);
        flush();
        hadOffset = true;
      } else {
        if (hadOffset) {
          put(`\n1 0 0 1 ${number(x)} ${number(y)} Tm`);
          hadOffset = false;
        }
        code(id, position);
        if (position.xAdvance - position.advanceWidth !== 0) segment();
      }
      x += position.xAdvance * scale;
    }
  }
  flush();
}

/** Each font's glyphs (a document's: pdfkit makes its fonts per document) by id, as their ids in its subset. */
const glyphCodes = new WeakMap<Glyphs, Map<number, number>>();

/** A glyph's id in the document's subset, as pdfkit's `encode` makes it (and records its width and characters). */
function glyphCode(font: Glyphs, codes: Map<number, number>, glyph: Glyph): number {
  const id = font.subset.includeGlyph(glyph.id);
  if (font.widths[id] == null) font.widths[id] = glyph.advanceWidth * font.scale;
  if (font.unicode[id] == null) font.unicode[id] = glyph.codePoints;
  codes.set(glyph.id, id);
  return id;
}

/** Innermost of the patches of `renderLine`: the emphasis and merging patches hand it their lines. */
export const installLineText = (): boolean => applyPatch(lineText, (pdfmakeRequire('./Renderer.js') as { default: { prototype: object } }).default.prototype);
