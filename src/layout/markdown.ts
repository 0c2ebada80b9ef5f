import { toString } from 'mdast-util-to-string';
import type { PhrasingContent, RootContent, Table, List, Definition, FootnoteDefinition } from 'mdast';
import type { Position } from '../diagnostics.js';
import { fontLineHeight, textSizes, textWidth, type Theme } from './theme.js';
import { labels } from '../model/vocabulary.js';
import { tableShape } from './table-shape.js';
import { measurer } from './measure.js';
import type { FigureSize } from './floats.js';
import { offsetPosition } from '../read/offset-position.js';
import { imageUrls } from '../read/markdown-images.js';
import { joinLines, needsSpaceBetween, spaceHanLatin } from './typography.js';
import { codePointLabel } from '../infra/glyph-coverage.js';
import { fontRuns, type Face } from './font-runs.js';
import { setParagraph, setText, type ParagraphPlace } from './paragraph-lines.js';
import { wordAdvance, type GlyphFont } from '../typeset/metrics.js';

/** pdfmake's document model, as loosely typed as pdfmake itself. */
export type Content = Record<string, unknown> | string | Content[];
export interface Inline {
  text: string | Inline[];
  [style: string]: unknown;
}

/** An image ready for the PDF: data URL and placed size in points. */
export interface PlacedImage {
  dataUrl: string;
  width: number;
  height: number;
}

export interface MarkdownLayoutContext {
  theme: Theme;
  /** Images by their URL as written in the Markdown; absent ones were reported and are skipped. */
  images: ReadonlyMap<string, PlacedImage>;
  /** Faces in the order characters look for a glyph: body text, and code. */
  faces: { text: readonly Face[]; code: readonly Face[] };
  /** Called once per character the fonts lack, at its source position. */
  onMissingGlyph(char: string, place: Position): void;
  /** Numbers figures across the document. */
  figureCount: { value: number };
  headingCount: { value: number };
  definitions: ReadonlyMap<string, Definition>;
  /** Footnotes by identifier, and the identifiers in the order their numbers were given. */
  footnotes: { definitions: ReadonlyMap<string, FootnoteDefinition>; order: string[] };
  /** Outline parent for level-2 headings. */
  outlineParent: string;
  /** Evidence PDFs whose pages are appended after the typeset pages. */
  appendedPdfs: readonly string[];
  /** Lists and block quotes this content sits in; from `maxIndents` on they indent no further. */
  indents?: number;
  /** The face paragraphs are measured in, as the PDF engine parsed it: the body face, or the family an inline names (mono, emoji). */
  glyphFont(bold: boolean, family?: string): GlyphFont;
  /** The width paragraphs here are set to (the text width, less what lists and quotes take). */
  width?: number;
  /** The size text is set in here, where it is not the theme's. */
  fontSize?: number;
  /** File position of a front-matter key, for problems in values typeset from it. */
  keyPosition(path: readonly PropertyKey[]): Position;
  /** Told of each Markdown block and the content made of it (an editor's source map); changes nothing typeset. */
  onBlock?: BlockListener;
}

export type BlockListener = (node: RootContent, content: readonly Content[]) => void;

export function blocks(nodes: readonly RootContent[], context: MarkdownLayoutContext): Content[] {
  return nodes.flatMap((node) => {
    const content = block(node, context);
    context.onBlock?.(node, content);
    return content;
  });
}

function block(node: RootContent, context: MarkdownLayoutContext): Content[] {
  const { theme } = context;
  switch (node.type) {
    case 'heading': {
      const style = node.depth <= 2 ? 'h2' : node.depth === 3 ? 'h3' : 'h4';
      const text = phrasing(node.children, context);
      // A heading that typesets no text (`### `, or only an image) has no line to bookmark: pdfmake fails on it.
      const bookmarked = node.depth <= 3 && plain(text).trim() !== '';
      const bookmark = bookmarked
        ? { outline: true, outlineText: toString(node), outlineParentId: context.outlineParent, id: `${context.outlineParent}.${++context.headingCount.value}` }
        : {};
      return [heading(text, style, context, bookmark)];
    }
    case 'paragraph':
      return paragraph(node.children, context);
    case 'list':
      return list(node, context);
    case 'table':
      return [table(node, context)];
    case 'blockquote': {
      const inner = indented(context, quoteInset);
      if (!inner) return [{ stack: blocks(node.children, context), color: theme.colors.muted }];
      return [
        {
          table: { widths: ['*'], body: [[{ stack: blocks(node.children, inner), color: theme.colors.muted }]] },
          layout: {
            hLineWidth: () => 0,
            vLineWidth: (i: number) => (i === 0 ? 2.5 : 0),
            vLineColor: () => theme.colors.accent,
            paddingLeft: () => 10,
            paddingTop: () => 4,
            paddingBottom: () => 0,
          },
          margin: [0, 2, 0, 8],
        },
      ];
    }
    case 'code': {
      const width = (context.width ?? textWidth(theme)) - 2 * codePadding;
      const size = textSizes(theme).code;
      const code = setText(
        codeRuns(node.value, node, context),
        placeOf(context, { fontSize: size, width }),
        { preserveLeadingSpaces: true, fontSize: size, lineHeight: 1 },
        { set: { code: true } },
      );
      return [
        {
          table: { widths: [width], body: [[code]] },
          layout: {
            hLineWidth: () => 0,
            vLineWidth: () => 0,
            fillColor: () => theme.colors.code,
            paddingLeft: () => codePadding,
            paddingRight: () => codePadding,
            paddingTop: () => 6,
            paddingBottom: () => 6,
          },
          margin: [0, 2, 0, 10],
        },
      ];
    }
    case 'thematicBreak':
      return [
        { canvas: [{ type: 'line', x1: 0, y1: 0, x2: 120, y2: 0, lineWidth: 0.75, lineColor: theme.colors.rule }], alignment: 'center', margin: [0, 6, 0, 12] },
      ];
    case 'html':
      // Only comments get here: reading turned every other block of HTML into Markdown (read/html-nodes.ts).
      return [];
    case 'footnoteDefinition':
      // Set with the document's notes (footnotes.ts).
      return [];
    case 'definition':
    case 'yaml':
      return [];
    default:
      return 'children' in node ? paragraph(node.children as PhrasingContent[], context) : [];
  }
}

/** A code block's padding left and right. */
const codePadding = 8;

/** Where text is set in `context`: its faces, size and width, and what a block sets otherwise (a heading's size, a cell's width). */
export function placeOf(context: MarkdownLayoutContext, look: Partial<ParagraphPlace> = {}): ParagraphPlace {
  return { font: context.glyphFont, fontSize: context.fontSize ?? context.theme.fontSize, width: context.width ?? textWidth(context.theme), ...look };
}

/**
 * A heading, its lines set by licheng in the heading face. When it takes several lines, each is
 * marked `headlineLevel: 2` (a line of a heading): a page break treats them as the heading's own.
 */
export function heading(text: Inline[], style: 'h2' | 'h3' | 'h4', context: MarkdownLayoutContext, bookmark: Record<string, unknown> = {}): Content {
  const { theme } = context;
  const place = placeOf(context, { fontSize: textSizes(theme)[style], bold: true, family: theme.headingFont.name });
  return setText(text, place, { style, headlineLevel: 1 }, { eachLine: { headlineLevel: 2 }, firstLine: bookmark });
}

/** Text of a paragraph, set by licheng, then its images as figures (a photo never sits inside a line). */
function paragraph(children: PhrasingContent[], context: MarkdownLayoutContext, style = 'p', mark = ''): Content[] {
  const images = imageUrls(children, context.definitions);
  const textChildren = children.filter((c) => c.type !== 'image' && c.type !== 'imageReference');
  const out: Content[] = [];
  const inlines = phrasing(textChildren, context);
  if (mark) inlines.unshift({ text: `${mark} ` });
  if (plain(inlines).trim() !== '') out.push(setParagraph(inlines, placeOf(context), style));
  for (const { url, node } of images) {
    const placed = context.images.get(url);
    if (placed) out.push(figure(placed, 'alt' in node ? (node.alt ?? '') : '', context));
  }
  return out;
}

/**
 * Captions longer than this may run on to the next page. An image takes at most 40 % of a page,
 * and pdfmake dropped a block that may not break and is taller than a page, caption and all.
 */
export const keptCaption = 600;

/** An image centred at its placed size, numbered, with its caption below; not split from a caption of up to `keptCaption` characters. */
export function figure(placed: PlacedImage, caption: string, context: MarkdownLayoutContext): Content {
  const n = ++context.figureCount.value;
  const text = spaceHanLatin(caption ? `${labels.figure(n)}　${caption}` : labels.figure(n));
  const unbreakable = [...caption].length <= keptCaption;
  return {
    stack: [
      { image: placed.dataUrl, width: placed.width, height: placed.height, alignment: 'center' },
      setText([{ text }], placeOf(context, { fontSize: textSizes(context.theme).caption }), { style: 'caption' }),
    ],
    unbreakable,
    margin: [0, 4, 0, 10],
    // What moving it to another page (floats.ts) needs to know; a figure that may break stays.
    ...(unbreakable ? { figure: { image: placed.height, caption: captionHeight(text, context) } satisfies FigureSize } : {}),
  };
}

/** Height of a caption and the space above it, in points, as `caption` style sets it (a little more, to be safe). */
function captionHeight(text: string, context: MarkdownLayoutContext): number {
  const { theme } = context;
  const size = theme.fontSize - 1.5;
  const lines = Math.max(1, Math.ceil(measurer(theme, size, 1.05)(text) / (textWidth(theme) - (context.indents ?? 0) * indentWidth)));
  return 4 + lines * size * fontLineHeight * theme.lineHeight;
}

/**
 * Lists and block quotes nested deeper than this stop moving right: each level takes ~14 pt, and
 * pdfmake silently dropped items once the line left for them grew too narrow (about 34 levels).
 */
const maxIndents = 8;
/** The most one list or block quote level takes from the width (a quote: its rule and paddings). */
const indentWidth = 19;
/** What a block quote takes from the width: its rule (2.5), padding left (10) and pdfmake's default padding right (4). */
const quoteInset = 16.5;
/** A list's left margin. */
const listMargin = 4;

/** The context one indent further in (`inset` points narrower), or undefined when content is already as far in as it goes. */
function indented(context: MarkdownLayoutContext, inset: number): MarkdownLayoutContext | undefined {
  const indents = context.indents ?? 0;
  return indents < maxIndents ? { ...context, indents: indents + 1, width: (context.width ?? textWidth(context.theme)) - inset } : undefined;
}

/** The width pdfmake gives a list's markers: that of `9. `, or of the widest number and its `. `. */
function markerWidth(node: List, context: MarkdownLayoutContext): number {
  const size = context.fontSize ?? context.theme.fontSize;
  const width = (text: string) =>
    wordAdvance(context.glyphFont(false), text.trim()) * size + (text.endsWith(' ') ? wordAdvance(context.glyphFont(false), ' ') * size : 0);
  const last = (node.start ?? 1) + node.children.length - 1;
  return Math.max(width('9. '), node.ordered ? width(`${Math.max(last, node.start ?? 1)}. `) : 0);
}

/** A list as pdfmake's ul/ol; past `maxIndents`, its items as blocks led by their bullet or number. */
function list(node: List, context: MarkdownLayoutContext): Content[] {
  const inner = indented(context, listMargin + markerWidth(node, context));
  const items = node.children.map((item, i) => {
    // A task's box leads its first line, ■ done and □ not, as on Taiwanese forms (the fonts have no ☑).
    const marks = [
      ...(inner ? [] : [node.ordered ? `${(node.start ?? 1) + i}.` : '•']),
      ...(item.checked === null || item.checked === undefined ? [] : [item.checked ? '■' : '□']),
    ];
    const [first, ...rest] = item.children;
    if (first?.type !== 'paragraph') {
      const content = blocks(item.children, inner ?? context);
      if (marks.length) content.unshift(setText([{ text: marks.join(' ') }], placeOf(inner ?? context), { style: 'li' }));
      return content;
    }
    return [
      ...paragraph(first.children, inner ?? context, 'li', marks.join(' ')),
      ...blocks(rest, inner ?? context).map((c) => (typeof c === 'object' && !Array.isArray(c) && c.style === 'p' ? { ...c, style: 'li' } : c)),
    ];
  });
  if (!inner) return items.flat();
  const entries = items.map((content) => (content.length === 1 ? content[0]! : { stack: content }));
  return [node.ordered ? { ol: entries, start: node.start ?? 1, margin: [4, 0, 0, 6] } : { ul: entries, margin: [4, 0, 0, 6] }];
}

function table(node: Table, context: MarkdownLayoutContext): Content {
  const { theme } = context;
  const { widths, padding, alignments, headerRows, keepWithHeaderRows, dontBreakRows } = tableShape(
    node,
    theme,
    textWidth(theme) - (context.indents ?? 0) * indentWidth,
  );
  const columns = widths.length;
  const fontSize = textSizes(theme).table;
  const body = node.children.map((row, r) => {
    const style = rowStyle(r, headerRows + keepWithHeaderRows);
    const cells = row.children.map((cell, c) =>
      setText(
        phrasing(cell.children, context),
        placeOf(context, { fontSize, width: widths[c]!, bold: r === 0 }),
        { style, bold: r === 0, alignment: alignments[c], fillColor: r === 0 ? theme.colors.shade : undefined },
        { eachLine: { style } },
      ),
    );
    while (cells.length < columns) cells.push({ text: [{ text: '' }], style: undefined, bold: false, alignment: 'left', fillColor: undefined });
    return cells;
  });
  return { table: { headerRows, keepWithHeaderRows, widths, body, dontBreakRows }, layout: gridLayout(theme, padding), style: 'table', margin: [0, 2, 0, 10] };
}

/**
 * Header cells and the first row's, when they are kept together, are marked: a heading moves on
 * rather than end a page above just those (document.ts).
 */
export const rowStyle = (row: number, keptRows = 2): string | undefined => (row >= keptRows ? undefined : row === 0 ? 'th' : 'firstRow');

export function gridLayout(theme: Theme, padding = 6): Record<string, unknown> {
  return {
    hLineWidth: () => 0.6,
    vLineWidth: () => 0.6,
    hLineColor: () => theme.colors.rule,
    vLineColor: () => theme.colors.rule,
    paddingLeft: () => padding,
    paddingRight: () => padding,
    paddingTop: () => 4,
    paddingBottom: () => 4,
  };
}

/**
 * The look of inline marks, asked for in Markdown (`**`, `*`, `~~`) or in HTML (`<b>`, `<sup>`, …).
 * Emphasis keeps the text's colour (colour marks a link): dots under Han, Latin slanted, drawn by
 * src/emit/patches/behaviour/pdfmake-emphasis.ts.
 */
const marks = (theme: Theme) =>
  ({
    strong: { bold: true },
    emphasis: { emphasis: true },
    delete: { decoration: 'lineThrough' },
    underline: { decoration: 'underline' },
    sup: { sup: true },
    sub: { sub: true },
    mark: { background: theme.colors.highlight },
  }) satisfies Record<string, Record<string, unknown>>;

/** Inline HTML tags as marks: what Markdown has no syntax for, or what editors write instead of it. */
const htmlMarks: Record<string, keyof ReturnType<typeof marks>> = {
  b: 'strong',
  strong: 'strong',
  i: 'emphasis',
  em: 'emphasis',
  s: 'delete',
  del: 'delete',
  u: 'underline',
  ins: 'underline',
  sup: 'sup',
  sub: 'sub',
  mark: 'mark',
};

/** Inline Markdown as pdfmake inlines, with Han–Latin spacing across run boundaries. */
export function phrasing(children: readonly PhrasingContent[], context: MarkdownLayoutContext, style: Record<string, unknown> = {}): Inline[] {
  const runs: Inline[] = [];
  // Inline HTML tags open and close as siblings (`m/s<sup>2</sup>`): what is open styles the text between.
  const open = new Map<string, Record<string, unknown>>();
  const tagged = () => Object.assign({}, ...open.values()) as Record<string, unknown>;
  const look = marks(context.theme);
  const linked = (url: string) => ({ link: url, color: context.theme.colors.link, decoration: 'underline' });
  const visit = (node: PhrasingContent, inherited: Record<string, unknown>) => {
    const { theme } = context;
    switch (node.type) {
      case 'text':
        runs.push(...glyphSafe(node.value, node, context).map((r) => ({ ...inherited, ...tagged(), ...r })));
        return;
      case 'strong':
        node.children.forEach((c) => visit(c, { ...inherited, ...look.strong }));
        return;
      case 'emphasis':
        node.children.forEach((c) => visit(c, { ...inherited, ...look.emphasis }));
        return;
      case 'delete':
        node.children.forEach((c) => visit(c, { ...inherited, ...look.delete }));
        return;
      case 'inlineCode':
        runs.push(...codeRuns(node.value, node, context).map((r) => ({ ...inherited, ...tagged(), ...r, background: theme.colors.code })));
        return;
      case 'link':
        node.children.forEach((c) => visit(c, { ...inherited, ...linked(node.url) }));
        return;
      case 'linkReference': {
        const url = context.definitions.get(node.identifier)?.url;
        node.children.forEach((c) => visit(c, url ? { ...inherited, ...linked(url) } : inherited));
        return;
      }
      case 'break':
        runs.push({ ...inherited, text: '\n' });
        return;
      case 'footnoteReference':
        runs.push({ ...inherited, text: `${footnoteNumber(node.identifier, context)}`, sup: true });
        return;
      case 'html': {
        const tag = /^<(\/?)([a-z]+)\b[^>]*>$/i.exec(node.value.trim());
        const name = tag?.[2]?.toLowerCase();
        if (name === 'br') runs.push({ ...inherited, text: '\n' });
        else if (name && name in htmlMarks) {
          if (tag![1]) open.delete(name);
          else open.set(name, look[htmlMarks[name]!]);
        }
        return;
      }
      case 'image':
      case 'imageReference':
        return;
      default: {
        const other = node as { children?: PhrasingContent[] };
        other.children?.forEach((c) => visit(c, inherited));
      }
    }
  };
  children.forEach((c) => visit(c, style));
  for (let i = 1; i < runs.length; i++) {
    const before = runs[i - 1]!.text;
    const after = runs[i]!.text;
    // Code is set as written; a note's number sits right against its word.
    const code = (runs[i - 1]!.code === true && runs[i]!.code === true) || runs[i - 1]!.sup === true || runs[i]!.sup === true;
    if (!code && typeof before === 'string' && typeof after === 'string' && needsSpaceBetween(before, after)) runs[i]!.text = ' ' + after;
  }
  return runs;
}

/** A footnote's number: the order in which notes are first referred to. */
function footnoteNumber(identifier: string, context: MarkdownLayoutContext): number {
  const { order } = context.footnotes;
  if (!order.includes(identifier)) order.push(identifier);
  return order.indexOf(identifier) + 1;
}

/** Text runs with automatic spacing; a character no font has becomes its code point in grey, and is reported. */
function glyphSafe(value: string, node: { position?: { start: { line: number; column: number } } | undefined }, context: MarkdownLayoutContext): Inline[] {
  return safeRuns(
    value,
    context,
    (index) => offsetPosition(value, index, node.position?.start),
    (v) => spaceHanLatin(joinLines(v)),
    context.faces.text,
  );
}

/**
 * Code as written (no spacing added, its lines kept), in the mono face with Han from the body face.
 * Its runs are marked, so that no space is put between them either.
 */
function codeRuns(value: string, node: { position?: { start: { line: number; column: number } } | undefined }, context: MarkdownLayoutContext): Inline[] {
  return safeRuns(
    value,
    context,
    (index) => offsetPosition(value, index, node.position?.start),
    (v) => v,
    context.faces.code,
  ).map((run) => ({ ...run, code: true }));
}

/** A front-matter value typeset in a title block; missing glyphs are reported at its key. */
export function fieldText(value: string, keyPath: readonly PropertyKey[], context: MarkdownLayoutContext): Inline[] {
  return safeRuns(
    value,
    context,
    () => context.keyPosition(keyPath),
    (v) => spaceHanLatin(joinLines(v)),
    context.faces.text,
  );
}

function safeRuns(
  value: string,
  context: MarkdownLayoutContext,
  placeOf: (index: number) => Position,
  shape: (v: string) => string,
  faces: readonly Face[],
): Inline[] {
  return fontRuns(value, faces).flatMap(({ text, face, index }): Inline[] => {
    if (face >= 0) return [faces[face]!.font ? { text: shape(text), font: faces[face]!.font } : { text: shape(text) }];
    context.onMissingGlyph(text, placeOf(index));
    return [{ text: `[${codePointLabel(text)}]`, color: context.theme.colors.muted, fontSize: context.theme.fontSize - 3 }];
  });
}

export function plain(inlines: Inline[] | string): string {
  return typeof inlines === 'string' ? inlines : inlines.map((i) => plain(i.text)).join('');
}
