import type { Diagnostic } from '../diagnostics.js';
import type { Portfolio } from '../model/portfolio.js';
import { parseMarkdown } from '../read/read-source.js';
import { layoutGenerated } from '../layout/content.js';
import { findImages, markdownImageRefs, placeImages, qualitySteps } from '../layout/images.js';
import { collectDefinitions } from '../layout/markdown.js';
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
}

/** Typesets generated Markdown through the same layout as every student document. */
export async function renderGenerated(generated: GeneratedDocument, portfolio: Portfolio | undefined, theme: Theme, root: string): Promise<{ data: Buffer; diagnostics: Diagnostic[] }> {
  const { source } = parseMarkdown(generated.markdown, generated.path, generated.displayPath);
  const found = await findImages(markdownImageRefs(source.tree, collectDefinitions(source.tree)), generated.path, generated.displayPath, root);
  const images = await placeImages(found.images, theme, qualitySteps[0]!);
  const block = { kicker: generated.kicker, title: generated.title, rows: generated.rows ?? [] };
  const { content, diagnostics } = layoutGenerated(source, block, theme, images);
  diagnostics.push(...found.diagnostics);
  const student = portfolio?.student ?? '';
  const definition = documentDefinition(
    theme,
    {
      title: generated.title,
      author: student,
      subject: generated.subject,
      headerLeft: [student, portfolio?.school].filter(Boolean).join('・'),
      headerRight: generated.title,
      date: generated.date,
    },
    content,
  );
  return { data: await renderPdf(definition), diagnostics };
}
