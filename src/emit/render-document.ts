import { createHash } from 'node:crypto';
import { diagnostic, type Diagnostic } from '../diagnostics.js';
import { documentCode, kindModels, type PortfolioDocument } from '../model/document.js';
import { positionOfPath } from '../model/fields.js';
import type { Portfolio } from '../model/portfolio.js';
import { categoryNames } from '../model/vocabulary.js';
import type { MarkdownSource } from '../read/read-source.js';
import { resolveAsset } from '../read/resolve-asset.js';
import { courseContent } from '../layout/course.js';
import { documentDefinition } from '../layout/document.js';
import { essayContent } from '../layout/essay.js';
import { findImages, markdownImageRefs, placeImages, qualitySteps, type AssetRef } from '../layout/images.js';
import { collectDefinitions, type Content, type MarkdownLayoutContext } from '../layout/markdown.js';
import { performanceContent } from '../layout/performance.js';
import type { Theme } from '../layout/theme.js';
import { codePointLabel } from '../layout/typography.js';
import { appendPdfPages, pdfPageCount } from './append-pdf.js';
import { fontkitFont, renderPdf } from './pdf-engine.js';

export interface RenderedPdf {
  data: Buffer;
  pages: number;
}

export interface RenderInput {
  source: MarkdownSource;
  document: PortfolioDocument;
  portfolio: Portfolio | undefined;
  root: string;
  theme: Theme;
  maxBytes: number;
  /** 報考校系 a D-2 is written for, shown in its title block. */
  targetLabel?: string;
}

/**
 * Typesets one document; when the PDF is over its cap, re-encodes the images smaller,
 * step by step, until it fits — or says it cannot.
 */
export async function renderDocument(input: RenderInput): Promise<{ pdf?: RenderedPdf; diagnostics: Diagnostic[] }> {
  const { source, document, portfolio, theme, maxBytes } = input;
  const keyTable = kindModels[document.kind].keyTable;
  const keyPosition = (path: readonly PropertyKey[]) => (source.frontMatter ? positionOfPath(source.frontMatter, keyTable, path) : { line: 1, column: 1 });
  const definitions = collectDefinitions(document.body);
  const evidence = document.kind === 'performance' ? (document.evidence ?? []).map((url, i): AssetRef => ({ url, place: keyPosition(['evidence', i]) })) : [];
  const pdfRefs = evidence.filter((ref) => /\.pdf$/i.test(ref.url));
  // Missing or broken files were reported by the `assets` rule; here they are only left out.
  const diagnostics: Diagnostic[] = [];
  const appended: { url: string; path: string }[] = [];
  for (const ref of pdfRefs) {
    const resolved = resolveAsset(source.path, ref.url, input.root);
    if (!('problem' in resolved)) appended.push({ url: ref.url, path: resolved.path });
  }
  const imageRefs = [...markdownImageRefs(document.body, definitions), ...evidence.filter((ref) => !/\.pdf$/i.test(ref.url))];
  const found = await findImages(imageRefs, source.path, source.displayPath, input.root);
  const missingReported = new Set<string>();
  const code = documentCode(document);
  const title = 'title' in document && document.title ? document.title : categoryNames[code];
  let pdf: RenderedPdf | undefined;
  for (const [step, quality] of qualitySteps.entries()) {
    if (step > 0 && found.images.length === 0) break;
    const placed = await placeImages(found.images, theme, quality);
    const context: MarkdownLayoutContext = {
      theme,
      images: placed,
      appendedPdfs: appended.map((a) => a.url),
      coverage: fontkitFont(theme.font.name),
      definitions,
      figureCount: { value: 0 },
      headingCount: { value: 0 },
      outlineParent: 'doc',
      keyPosition,
      onMissingGlyph: (char, place) => {
        const key = `${place.line}:${place.column}:${char}`;
        if (missingReported.has(key)) return;
        missingReported.add(key);
        diagnostics.push(diagnostic(source.displayPath, place, 'warning', 'glyph-missing', { char, code: codePointLabel(char) }));
      },
    };
    const student = portfolio?.student ?? '';
    const definition = documentDefinition(
      theme,
      {
        title,
        author: student,
        subject: `${code} ${categoryNames[code]}`,
        keywords: document.kind === 'course' ? `${document.course}, ${document.year}-${document.term}` : '',
        headerLeft: [student, portfolio?.school].filter(Boolean).join('・'),
        headerRight: title,
        date: documentDate(document),
      },
      contentOf(document, portfolio, context, input.targetLabel),
    );
    let data = await renderPdf(definition);
    let pages = typesetPageCount(data);
    if (appended.length) {
      data = await appendPdfPages(data, appended.map((a) => a.path));
      pages = await pdfPageCount(data);
    }
    pdf = { data, pages };
    if (data.length <= maxBytes) {
      if (step > 0) diagnostics.push(diagnostic(source.displayPath, undefined, 'warning', 'pdf-images-recompressed', { max: maxBytes, quality: quality.jpegQuality }));
      return { pdf, diagnostics };
    }
  }
  diagnostics.push(diagnostic(source.displayPath, undefined, 'error', 'pdf-over-cap', { bytes: pdf?.data.length ?? 0, max: maxBytes, pages: pdf?.pages ?? 0 }));
  return { diagnostics };
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

/** A date from the input, never the clock, so two builds are byte-identical. */
function documentDate(document: PortfolioDocument): Date {
  if (document.kind === 'course') return termEnd(document.year, document.term);
  if (document.kind === 'performance') {
    const parsed = Date.parse((document.end ?? document.date ?? document.start ?? '').replace(/\//g, '-'));
    if (!Number.isNaN(parsed)) return new Date(parsed);
  }
  return new Date(Date.UTC(2000, 0, 1));
}

/** The last day of the school term (學年度 112 term 1 ends January 2024). */
export function termEnd(year: number, term: number): Date {
  return term === 1 ? new Date(Date.UTC(year + 1912, 0, 31)) : new Date(Date.UTC(year + 1912, 6, 31));
}

/** Page count of a PDF pdfkit wrote: its page tree is plain text (/Type /Pages /Count N). */
function typesetPageCount(pdf: Buffer): number {
  const match = /\/Type \/Pages\s*\/Count (\d+)/.exec(pdf.toString('latin1'));
  return match ? Number(match[1]) : 0;
}

export const sha256 = (data: Uint8Array): string => createHash('sha256').update(data).digest('hex');
