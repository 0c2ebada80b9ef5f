import { applyStep, arrange, nextFloatStep, type FigureSize, type PlacedBlock } from '../layout/floats.js';
import type { Content } from '../layout/markdown.js';
import { renderPdf } from './pdf-engine.js';
import type { WaitAside } from '../infra/turns.js';

interface Position {
  pageNumber: number;
  top: number;
  pageInnerHeight: number;
}
interface NodeInfo {
  headlineLevel?: unknown;
  startPosition: Position;
}
interface PageNodes {
  getFollowingNodesOnPage(): NodeInfo[];
  getNodesOnNextPage(): NodeInfo[];
  getPreviousNodesOnPage(): NodeInfo[];
}
type PageBreakBefore = (node: NodeInfo, nodes: PageNodes) => boolean;

/** Typesettings a document may take to settle its figures; each step moves one figure once. */
const maxSteps = 6;

/**
 * Which top-level block a node is: pdfmake tells its page-break hook where every node starts but
 * hands over only a few of its keys, of which `headlineLevel` alone changes nothing in the output.
 */
class BlockMark {
  constructor(
    readonly block: number,
    readonly level: unknown,
  ) {}
}

const unmark = (info: NodeInfo): NodeInfo => (info.headlineLevel instanceof BlockMark ? { ...info, headlineLevel: info.headlineLevel.level } : info);

/** Where a document's figures went: the order of its top-level blocks and the scale of shrunk figures. */
export interface FloatPlan {
  order: number[];
  scales: Map<number, number>;
}

/**
 * Typesets a document whose figures float (layout/floats.ts): typeset, read where each block went,
 * and typeset again with a figure shrunk or moved, until no figure leaves a hole. A document
 * without figures is typeset once. `plan`, from a typesetting of the same document with images of
 * the same sizes (the stand-ins a build starts with), is where to start, and is updated.
 */
export async function renderFloating(
  definition: Record<string, unknown> & { pageMargins: readonly number[] },
  plan: FloatPlan = { order: [], scales: new Map() },
  aside?: WaitAside,
): Promise<{
  data: Buffer /** The blocks as typeset (copies when figures moved: `originalOf` in layout/floats.ts), placed by pdfmake. */;
  content: Content[];
}> {
  const blocks = definition.content as Content[];
  if (!blocks.some((block) => figureOf(block))) return { data: await renderPdf(definition, aside), content: blocks };
  if (plan.order.length !== blocks.length) {
    plan.order = blocks.map((_, i) => i);
    plan.scales = new Map();
  }
  const { order, scales } = plan;
  const hook = definition.pageBreakBefore as PageBreakBefore | undefined;
  for (let step = 0; ; step++) {
    const content = arrange(blocks, order, scales);
    content.forEach((node, i) => {
      if (typeof node === 'object' && !Array.isArray(node)) node.headlineLevel = new BlockMark(i, node.headlineLevel);
    });
    const places = new Map<number, { page: number; top: number }>();
    let pageBottom = 0;
    const observe: PageBreakBefore = (info, nodes) => {
      const mark = info.headlineLevel;
      if (mark instanceof BlockMark) places.set(mark.block, { page: info.startPosition.pageNumber, top: info.startPosition.top });
      pageBottom = definition.pageMargins[1]! + info.startPosition.pageInnerHeight;
      if (!hook) return false;
      const plain = (list: () => NodeInfo[]) => () => list().map(unmark);
      return hook(unmark(info), {
        getFollowingNodesOnPage: plain(nodes.getFollowingNodesOnPage),
        getNodesOnNextPage: plain(nodes.getNodesOnNextPage),
        getPreviousNodesOnPage: plain(nodes.getPreviousNodesOnPage),
      });
    };
    const data = await renderPdf({ ...definition, content, pageBreakBefore: observe }, aside);
    if (step === maxSteps) return { data, content };
    const placed: PlacedBlock[] = content.map((node, i) => ({
      place: places.get(i),
      figure: figureOf(node),
      scale: scales.get(order[i]!) ?? 1,
      withHeading: typeof node === 'object' && !Array.isArray(node) && node.withHeading === true,
    }));
    const next = nextFloatStep(placed, pageBottom, pageBottom - definition.pageMargins[1]!);
    if (!next) return { data, content };
    applyStep(next, order, scales);
  }
}

const figureOf = (node: Content): FigureSize | undefined =>
  typeof node === 'object' && !Array.isArray(node) ? (node.figure as FigureSize | undefined) : undefined;
