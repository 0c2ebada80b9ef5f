import { diagnostic, type Diagnostic } from '../diagnostics.js';
import { kindModels, type PortfolioDocument } from '../model/document.js';
import { positionOfPath } from '../model/fields.js';
import type { Portfolio } from '../model/portfolio.js';
import type { MarkdownSource } from '../read/read-source.js';
import { coverageOnDemand, fontkitFont } from '../infra/fonts.js';
import { courseContent } from './course.js';
import { essayContent } from './essay.js';
import { collectDefinitions } from '../read/markdown-images.js';
import {
  blocks,
  fieldText,
  keptCaption,
  plain,
  type BlockListener,
  type Content,
  type Inline,
  type MarkdownLayoutContext,
  type PlacedImage,
} from './markdown.js';
import { titleBlock, type TitleBlock } from './title-block.js';
import { collectFootnotes, notesSection } from './footnotes.js';
import { performanceContent } from './performance.js';
import { glyphFontOf, type Theme } from './theme.js';
import { codePointLabel } from '../infra/glyph-coverage.js';

export interface LayoutInput {
  source: MarkdownSource;
  document: PortfolioDocument;
  portfolio: Portfolio | undefined;
  theme: Theme;
  images: ReadonlyMap<string, PlacedImage>;
  appendedPdfs: readonly string[];
  targetLabel?: string;
  onBlock?: BlockListener;
}

/** The pdfmake content of a document, and the characters its fonts lack (as diagnostics). */
export function layoutDocument(input: LayoutInput): { content: Content[]; diagnostics: Diagnostic[] } {
  const { source, document, portfolio } = input;
  const keyTable = kindModels[document.kind].keyTable;
  const keyPosition = (path: readonly PropertyKey[]) => (source.frontMatter ? positionOfPath(source.frontMatter, keyTable, path) : { line: 1, column: 1 });
  const { context, diagnostics } = layoutContext(input, keyPosition);
  const content = contentOf(document, portfolio, context, input.targetLabel);
  return { content: keepHeadingsWithFigures([...content, ...notesSection(context)]), diagnostics };
}

/** A generated Markdown document (表A, 表B, a checklist): a title block, then its body. */
export function layoutGenerated(
  source: MarkdownSource,
  block: Omit<TitleBlock, 'title' | 'outlineTitle'> & { title: string },
  theme: Theme,
  images: ReadonlyMap<string, PlacedImage>,
  outlineParent = 'doc',
): { content: Content[]; diagnostics: Diagnostic[] } {
  const { context, diagnostics } = layoutContext({ source, theme, images, appendedPdfs: [] }, () => ({ line: 1, column: 1 }), outlineParent);
  const content = [
    ...titleBlock({ ...block, title: fieldText(block.title, [], context), outlineTitle: block.title }, context),
    ...blocks(source.tree.children, context),
  ];
  content.push(...notesSection(context));
  return { content: keepHeadingsWithFigures(content), diagnostics };
}

function layoutContext(
  input: Pick<LayoutInput, 'source' | 'theme' | 'images' | 'appendedPdfs' | 'onBlock'>,
  keyPosition: MarkdownLayoutContext['keyPosition'],
  outlineParent = 'doc',
): { context: MarkdownLayoutContext; diagnostics: Diagnostic[] } {
  const { source, theme } = input;
  const diagnostics: Diagnostic[] = [];
  // One warning per character and file, at its first place, with how often it occurs.
  const reported = new Map<string, Diagnostic>();
  const body = { coverage: fontkitFont(theme.font.name) };
  const emoji = { font: theme.emoji.name, coverage: coverageOnDemand(theme.emoji) };
  const context: MarkdownLayoutContext = {
    theme,
    images: input.images,
    appendedPdfs: input.appendedPdfs,
    faces: { text: [body, emoji], code: [{ font: theme.mono.name, coverage: coverageOnDemand(theme.mono) }, body, emoji] },
    glyphFont: glyphFontOf(theme),
    definitions: collectDefinitions(source.tree),
    footnotes: { definitions: collectFootnotes(source.tree), order: [] },
    figureCount: { value: 0 },
    headingCount: { value: 0 },
    outlineParent,
    keyPosition,
    onBlock: input.onBlock,
    onMissingGlyph: (char, place) => {
      const known = reported.get(char);
      if (known) {
        known.args.count = Number(known.args.count) + 1;
        return;
      }
      const found = diagnostic(source.displayPath, place, 'warning', 'glyph-missing', { char, code: codePointLabel(char), count: 1 });
      reported.set(char, found);
      diagnostics.push(found);
    },
  };
  return { context, diagnostics };
}

function contentOf(document: PortfolioDocument, portfolio: Portfolio | undefined, context: MarkdownLayoutContext, targetLabel: string | undefined): Content[] {
  switch (document.kind) {
    case 'course':
      return courseContent(document, portfolio, context);
    case 'performance':
      return performanceContent(document, context);
    case 'summary':
    case 'statement':
      return essayContent(document, targetLabel, context);
  }
}

/**
 * A heading followed by a figure travels with it. pdfmake's pageBreakBefore cannot see where an
 * unbreakable block really lands (it reports the page it was first tried on), so the pair is
 * made one unbreakable block instead — unless the heading is so long that the pair might not fit
 * on a page, where pdfmake would drop it.
 */
/** A heading's text: that of its one line, or of each of its lines (a stack). */
function headingText(node: Record<string, unknown>): string {
  if (node.text !== undefined) return plain(node.text as Inline[] | string);
  return (node.stack as { text: Inline[] }[]).map((line) => plain(line.text)).join('');
}

function keepHeadingsWithFigures(content: Content[]): Content[] {
  const out: Content[] = [];
  for (let i = 0; i < content.length; i++) {
    const node = content[i]!;
    const next = content[i + 1];
    const isHeading = typeof node === 'object' && !Array.isArray(node) && node.headlineLevel === 1 && [...headingText(node)].length <= keptCaption;
    const isFigure = typeof next === 'object' && next !== null && !Array.isArray(next) && next.unbreakable === true;
    if (isHeading && isFigure) {
      out.push({ stack: [node, next], unbreakable: true, figure: next.figure, withHeading: true });
      i++;
    } else {
      out.push(node);
    }
  }
  return out;
}
