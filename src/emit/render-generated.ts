import type { Diagnostic } from '../diagnostics.js';
import type { Portfolio } from '../model/portfolio.js';
import { parseMarkdown } from '../read/read-source.js';
import { layoutGenerated } from '../layout/content.js';
import { placeImages, defaultQuality } from '../layout/images.js';
import { findImages } from '../read/find-images.js';
import { collectDefinitions, markdownImageRefs } from '../read/markdown-images.js';
import type { Content } from '../layout/markdown.js';
import { documentDefinition } from '../layout/document.js';
import type { Theme } from '../layout/theme.js';
import type { TitleBlock } from '../layout/title-block.js';
import { renderPdf } from './pdf-engine.js';

export interface GeneratedDocument {
  /** Markdown produced by a template (表A, 表B, a checklist, a contents page). */
  markdown: string;
  /** The file its relative image paths start from (the target it was made for). */
  path: string;
  /** Where problems in it are reported (the template or target it came from). */
  displayPath: string;
  kicker: string;
  title: string;
  rows?: TitleBlock['rows'];
  subject: string;
  date: Date;
  /** False for a page that numbers the pages of a merged file itself (a contents page). */
  pageNumbers?: false;
}

/** Typesets generated Markdown through the same layout as every student document. */
export async function renderGenerated(
  generated: GeneratedDocument,
  portfolio: Portfolio | undefined,
  theme: Theme,
  root: string,
): Promise<{ data: Buffer; diagnostics: Diagnostic[] }> {
  return renderGeneratedParts([generated], generated, portfolio, theme, root);
}

/**
 * Several generated documents as one PDF (表A then 表B): each part from a new page with its own
 * bookmark, page numbers running through. One typesetting instead of one per part and a merge.
 */
export async function renderGeneratedParts(
  parts: readonly GeneratedDocument[],
  whole: Pick<GeneratedDocument, 'title' | 'subject' | 'date' | 'pageNumbers'>,
  portfolio: Portfolio | undefined,
  theme: Theme,
  root: string,
): Promise<{ data: Buffer; diagnostics: Diagnostic[] }> {
  const content: Content[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const [i, part] of parts.entries()) {
    const { source } = parseMarkdown(part.markdown, part.path, part.displayPath);
    const found = await findImages(markdownImageRefs(source.tree, collectDefinitions(source.tree)), part.path, part.displayPath, root);
    const images = await placeImages(found.images, theme, defaultQuality);
    const block = { kicker: part.kicker, title: part.title, rows: part.rows ?? [] };
    const laid = layoutGenerated(source, block, theme, images, `part${i}`);
    diagnostics.push(...laid.diagnostics, ...found.diagnostics);
    content.push(i === 0 ? laid.content : { stack: laid.content, pageBreak: 'before' });
  }
  const student = portfolio?.student ?? '';
  const definition = documentDefinition(
    theme,
    {
      title: whole.title,
      author: student,
      subject: whole.subject,
      headerLeft: [student, portfolio?.school].filter(Boolean).join('・'),
      headerRight: whole.title,
      date: whole.date,
    },
    content,
  );
  return { data: await renderPdf(whole.pageNumbers === false ? { ...definition, footer: undefined } : definition), diagnostics };
}
