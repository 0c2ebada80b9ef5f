import type { RootContent } from 'mdast';
import type { BlockListener, Content } from '../layout/markdown.js';
import { originalOf } from '../layout/floats.js';

/** A block of the PDF and the Markdown lines it was made from (0-based, as in LSP). */
export interface SourceMapEntry {
  /** 1-based. */
  page: number;
  /** PDF points from the page's top-left corner. */
  x: number;
  y: number;
  width: number;
  height: number;
  startLine: number;
  endLine: number;
}

/** Where pdfmake put one line (or image, or vector) of a node: set on the node during layout. */
interface PlacedPosition {
  pageNumber: number;
  left: number;
  top: number;
}

type Lines = { startLine: number; endLine: number };

/**
 * Tags the content made of each Markdown block with its source lines, on the side (a WeakMap):
 * nothing is added to the nodes pdfmake typesets, so the PDF's bytes stay those of `build`.
 * Once pdfmake has laid them out, `entries` reads each tagged node's place back.
 */
export function sourceMapRecorder({ lineHeight, right }: { lineHeight: number /** The text column's right edge. */; right: number }): {
  onBlock: BlockListener;
  /** `frontMatter`: the lines the title block is made from (what comes before the body's first block). */
  entries(content: readonly Content[], frontMatter?: Lines): SourceMapEntry[];
} {
  const tags = new WeakMap<object, Lines>();
  const onBlock: BlockListener = (node: RootContent, content) => {
    if (!node.position) return;
    const lines = { startLine: node.position.start.line - 1, endLine: node.position.end.line - 1 };
    for (const made of content) if (typeof made === 'object' && made !== null) tags.set(made, lines);
  };
  const entries = (content: readonly Content[], frontMatter?: Lines): SourceMapEntry[] => {
    const found: SourceMapEntry[] = [];
    // The title block (title, 學年度, 簡述, team table) comes from the front matter, not from a Markdown block.
    const firstBlock = content.findIndex((node) => typeof node === 'object' && node !== null && tags.has(originalOf(node)));
    if (frontMatter)
      for (const node of content.slice(0, firstBlock < 0 ? content.length : firstBlock))
        if (typeof node === 'object' && node !== null && !Array.isArray(node)) tags.set(node, frontMatter);
    const visit = (node: unknown): void => {
      if (Array.isArray(node)) {
        node.forEach(visit);
        return;
      }
      if (typeof node !== 'object' || node === null) return;
      const record = node as Record<string, unknown>;
      const lines = tags.get(originalOf(node));
      const positions = record.positions as PlacedPosition[] | undefined;
      if (lines && positions?.length) found.push(...rectangles(positions, lines, lineHeight, right));
      for (const key of ['stack', 'ul', 'ol', 'columns']) if (Array.isArray(record[key])) visit(record[key]);
      const table = record.table as { body?: unknown[][] } | undefined;
      if (Array.isArray(table?.body)) visit(table.body);
    };
    visit(content);
    return found.sort((a, b) => a.page - b.page || a.y - b.y || b.height - a.height);
  };
  return { onBlock, entries };
}

/** One rectangle per page a block spans: from its first line's top to its last line's foot, across the text width. */
function rectangles(positions: readonly PlacedPosition[], lines: Lines, lineHeight: number, right: number): SourceMapEntry[] {
  const pages = new Map<number, PlacedPosition[]>();
  for (const p of positions) if (p) pages.set(p.pageNumber, [...(pages.get(p.pageNumber) ?? []), p]);
  return [...pages].map(([page, placed]) => {
    const tops = placed.map((p) => p.top);
    const x = Math.min(...placed.map((p) => p.left));
    const y = Math.min(...tops);
    const round = (n: number) => Math.round(n * 100) / 100;
    return { page, x: round(x), y: round(y), width: round(Math.max(right - x, 1)), height: round(Math.max(...tops) + lineHeight - y), ...lines };
  });
}
