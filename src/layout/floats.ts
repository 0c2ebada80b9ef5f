import type { Content } from './markdown.js';

/** What a figure block takes, in points: its image, and its caption with the space above it. */
export interface FigureSize {
  image: number;
  caption: number;
}

/** A top-level block as the last typesetting placed it. */
export interface PlacedBlock {
  /** Where its first line or image was tried: page (from 1) and top in points; absent if it set nothing. */
  place?: { page: number; top: number };
  figure?: FigureSize;
  /** What the figure's image is set at, of its full size. */
  scale: number;
  /** A heading kept with its figure: it may shrink, but moving it would move the heading. */
  withHeading: boolean;
}

/** One step towards pages without holes: a figure set at `scale` of its full size where it is, or moved after block `after`. */
export type FloatStep = { block: number; scale: number } | { block: number; after: number };

/** The least a figure shrinks to (of its width) to stay where it is referenced. */
export const leastScale = 0.7;
/** A hole at the foot of a page smaller than this share of the text height is left as is. */
const tolerableHole = 0.1;
/** A block moved up into the hole must start at least this far above the page's foot to set a line there. */
const lineRoom = 20;

/**
 * The first figure that did not fit on the rest of its page and moved on, leaving a hole: shrunk
 * (to no less than `leastScale`) when that lets it stay; else, as LaTeX floats to the top of the
 * next page, moved after the text that follows it as far as that text fills the hole — never past
 * the next figure, so figures keep their order. pdfmake cannot place floats itself: the document
 * is typeset, this reads where the blocks went, and the document is typeset again in the new order.
 */
export function nextFloatStep(blocks: readonly PlacedBlock[], pageBottom: number, textHeight: number): FloatStep | undefined {
  for (let i = 0; i < blocks.length; i++) {
    const { place, figure, withHeading, scale: current } = blocks[i]!;
    if (!figure || !place) continue;
    const next = blocks.findIndex((b, k) => k > i && b.place !== undefined);
    if (next < 0) return undefined;
    const after = blocks[next]!.place!;
    const hole = pageBottom - place.top;
    // Where a figure was tried is all pdfmake tells: it moved on if it was taller than the room there.
    const fits = figure.image * current + figure.caption <= hole + 0.5;
    if (fits || after.page === place.page || hole < tolerableHole * textHeight) continue;
    const scale = (hole - figure.caption - 1) / figure.image;
    if (scale >= leastScale && scale < current) return { block: i, scale };
    if (withHeading) continue;
    // Blocks that followed the figure on the next page move up by what the figure took there.
    let last = -1;
    for (let k = next; k < blocks.length; k++) {
      const b = blocks[k]!;
      if (b.figure) break;
      if (!b.place) continue;
      if (b.place.page !== after.page || place.top + (b.place.top - after.top) > pageBottom - lineRoom) break;
      last = k;
    }
    if (last >= 0) return { block: i, after: last };
  }
  return undefined;
}

/** `blocks` in `order`, with figures scaled: a fresh copy each time, as pdfmake writes into what it typesets. */
export function arrange(blocks: readonly Content[], order: readonly number[], scales: ReadonlyMap<number, number>): Content[] {
  return order.map((i) => {
    const copy = clone(blocks[i]!);
    const scale = scales.get(i);
    if (scale !== undefined) scaleImages(copy, scale);
    return copy;
  });
}

/** Applies a step to an order and scales (by original block index). */
export function applyStep(step: FloatStep, order: number[], scales: Map<number, number>): void {
  const moved = order[step.block]!;
  if ('scale' in step) {
    scales.set(moved, step.scale);
    return;
  }
  // At the top of a page, a figure has room for its full size again.
  scales.delete(moved);
  order.splice(step.block, 1);
  order.splice(step.after, 0, moved);
}

/** Each node `arrange` copied, to the node of the layout it was copied from. */
const originals = new WeakMap<object, object>();

/** The layout's own node a typeset copy was made from (itself when it is no copy): what a source map knows it by. */
export const originalOf = (node: object): object => originals.get(node) ?? node;

function clone(content: Content): Content {
  if (Array.isArray(content)) return content.map(clone);
  if (typeof content !== 'object' || content === null) return content;
  const copy = Object.fromEntries(Object.entries(content).map(([key, value]) => [key, isPlain(value) ? clone(value as Content) : value]));
  originals.set(copy, originalOf(content));
  return copy;
}

const isPlain = (value: unknown): boolean =>
  Array.isArray(value) || (typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype);

function scaleImages(content: Content, scale: number): void {
  if (Array.isArray(content)) {
    for (const c of content) scaleImages(c, scale);
    return;
  }
  if (typeof content !== 'object' || content === null) return;
  if (typeof content.image === 'string' && typeof content.width === 'number' && typeof content.height === 'number') {
    content.width *= scale;
    content.height *= scale;
  }
  if (Array.isArray(content.stack)) scaleImages(content.stack as Content[], scale);
}
