import type { Content } from './markdown.js';
import { fitRunningHeader } from './running-header.js';
import { spaceHanLatin } from './typography.js';
import { glyphFontOf, textSizes, textWidth, type Theme } from './theme.js';
import { setText } from './paragraph-lines.js';
import { measurer } from './measure.js';
import { labels } from '../model/vocabulary.js';

export interface DocumentMeta {
  title: string;
  author: string;
  subject: string;
  keywords?: string;
  /** Left of the running header: student · school. */
  headerLeft: string;
  /** Right of the running header: the item title. */
  headerRight: string;
  /** A date that comes from the input, never the clock, so two builds are byte-identical. */
  date: Date;
  /** Pages appended after typesetting (evidence PDFs), counted in 第 N 頁／共 M 頁. */
  appendedPages?: number;
}

/** What of a document's definition the pages added after typesetting are made from (src/emit/page-stamps.ts). */
export interface TypesetDefinition {
  pageMargins: readonly [number, number, number, number];
  footer: (page: number, pages: number) => unknown;
}

/** A whole pdfmake definition: page, running header, page numbers, metadata, styles. */
export function documentDefinition(theme: Theme, meta: DocumentMeta, content: Content[]): Record<string, unknown> & TypesetDefinition {
  const width = textWidth(theme);
  const [left, , right] = theme.pageMargins;
  // The header spaces Han and Latin as the body does (`以 ESP32 與…`), and is set as one line of it.
  const [headerLeft, headerRight] = fitRunningHeader(spaceHanLatin(meta.headerLeft), spaceHanLatin(meta.headerRight), width, measurer(theme, chromeSize));
  const place = { font: glyphFontOf(theme), fontSize: chromeSize, width: Number.POSITIVE_INFINITY };
  // Each text is set once: pdfmake asks for the header and footer on every page of every layout pass,
  // and writes into the nodes it is given, so it gets a copy.
  const set = new Map<string, Record<string, unknown>>();
  const chrome = (text: string, node: Record<string, unknown>) => {
    const key = `${text}\u0000${JSON.stringify(node)}`;
    let line = set.get(key);
    if (!line) set.set(key, (line = setText([{ text }], place, { ...node, style: 'chrome' }) as Record<string, unknown>));
    return { ...line, text: Array.isArray(line.text) ? line.text.map((piece: Record<string, unknown>) => ({ ...piece })) : line.text };
  };
  return {
    pageSize: theme.pageSize,
    pageMargins: theme.pageMargins,
    language: 'zh-Hant-TW',
    version: '1.7',
    info: {
      title: meta.title,
      author: meta.author,
      subject: meta.subject,
      keywords: meta.keywords ?? '',
      creator: 'licheng',
      producer: 'licheng (pdfmake)',
      creationDate: meta.date,
      modDate: meta.date,
    },
    // Every node of the running header and footer carries the `chrome` style, so page-break
    // decisions can tell them from the body.
    header: () => ({
      margin: [left, 26, right, 0],
      style: 'chrome',
      stack: [
        {
          columns: [chrome(headerLeft, { width: '*' }), chrome(headerRight, { width: 'auto', alignment: 'right' })],
          style: 'chrome',
        },
        { canvas: [{ type: 'line', x1: 0, y1: 4, x2: width, y2: 4, lineWidth: 0.5, lineColor: theme.colors.rule }], style: 'chrome' },
      ],
    }),
    footer: (page: number, pages: number) => chrome(labels.page(page, pages + (meta.appendedPages ?? 0)), { alignment: 'center', margin: [0, 18, 0, 0] }),
    pageBreakBefore: keepHeadingWithNext,
    defaultStyle: { font: theme.font.name, fontSize: theme.fontSize, lineHeight: theme.lineHeight, color: theme.colors.text },
    styles: styles(theme),
    content,
  };
}

const chromeSize = 8.5;
/** What may follow a heading at the foot of a page: the running header and footer, a table's first two rows. */
const pageEndsAfter = new Set(['chrome', 'th', 'firstRow']);
/** How much of a page, at most, headings moving on to the next page may leave blank. */
const movableShare = 0.25;

interface NodeInfo {
  headlineLevel?: number;
  style?: unknown;
  table?: unknown;
  startPosition: { pageNumber: number; verticalRatio: number };
}
interface PageNodes {
  getFollowingNodesOnPage(): NodeInfo[];
  getNodesOnNextPage(): NodeInfo[];
}

/**
 * A heading followed on its page by nothing but headings (running header and footer aside) moves
 * on; so does one followed by no more than a table's header and first row. Tables keep those two
 * together (`keepWithHeaderRows`), and when pdfmake moves them to the next page it still reports
 * them as on this one. A heading moves only from the foot of its page, and only if it and the
 * headings after it would fit above what they introduce on the next page: a longer run of headings
 * flows like text, instead of each heading moving on in turn (a page each, and the whole document
 * laid out again for every one). The lines of a heading set on several are its own (`headlineLevel: 2`).
 */
function keepHeadingWithNext(node: NodeInfo, nodes: PageNodes): boolean {
  if (node.headlineLevel !== 1 || node.startPosition.verticalRatio < 1 - movableShare) return false;
  if (
    !nodes
      .getFollowingNodesOnPage()
      .every((n) => n.headlineLevel !== undefined || n.table !== undefined || (typeof n.style === 'string' && pageEndsAfter.has(n.style)))
  )
    return false;
  const next = nodes.getNodesOnNextPage().find((n) => n.headlineLevel === undefined && n.style !== 'chrome');
  if (!next) return false;
  const { pageNumber, verticalRatio } = next.startPosition;
  return pageNumber !== node.startPosition.pageNumber + 1 || verticalRatio <= node.startPosition.verticalRatio;
}

function styles(theme: Theme): Record<string, Record<string, unknown>> {
  const heading = { font: theme.headingFont.name, bold: true, color: theme.colors.accent, lineHeight: 1 };
  const size = textSizes(theme);
  return {
    p: { alignment: 'justify', margin: [0, 0, 0, 7] },
    li: { alignment: 'justify', margin: [0, 0, 0, 2] },
    h2: { ...heading, fontSize: size.h2, margin: [0, 12, 0, 7] },
    h3: { ...heading, fontSize: size.h3, margin: [0, 8, 0, 5] },
    h4: { ...heading, fontSize: size.h4, color: theme.colors.text, margin: [0, 6, 0, 4] },
    note: { lineHeight: 1.05 },
    caption: { fontSize: size.caption, color: theme.colors.muted, alignment: 'center', margin: [0, 4, 0, 0] },
    table: { fontSize: size.table, lineHeight: 1.05 },
    title: { font: theme.headingFont.name, fontSize: size.title, bold: true, lineHeight: 1.05, margin: [0, 0, 0, 4] },
    kicker: { fontSize: size.kicker, color: theme.colors.accent, bold: true, margin: [0, 0, 0, 2] },
    label: { bold: true, color: theme.colors.muted },
    chrome: { fontSize: chromeSize, color: theme.colors.muted },
    /** A table's header cell (bold is set on the cell too) and its first row: see pageBreakBefore. */
    th: { bold: true },
    firstRow: {},
  };
}
