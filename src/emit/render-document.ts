import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { diagnostic, type Diagnostic } from '../diagnostics.js';
import { documentCode, type PortfolioDocument } from '../model/document.js';
import type { Portfolio } from '../model/portfolio.js';
import { categoryNames } from '../model/vocabulary.js';
import type { MarkdownSource } from '../read/read-source.js';
import { resolveAsset } from '../read/resolve-asset.js';
import { documentDefinition } from '../layout/document.js';
import { findImages, markdownImageRefs, placeImages, qualitySteps, type AssetRef } from '../layout/images.js';
import { collectDefinitions } from '../layout/markdown.js';
import { layoutDocument } from '../layout/content.js';
import type { Theme } from '../layout/theme.js';
import { appendPdfPages, pdfPageCount } from './append-pdf.js';
import { inputLimits } from '../limits.js';
import { renderPdf } from './pdf-engine.js';

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
  const definitions = collectDefinitions(document.body);
  const evidence = document.kind === 'performance' ? (document.evidence ?? []).map((url): AssetRef => ({ url, place: undefined })) : [];
  const pdfRefs = evidence.filter((ref) => /\.pdf$/i.test(ref.url));
  // Missing or broken files were reported by the `assets` rule; here they are only left out.
  const diagnostics: Diagnostic[] = [];
  const appended: { url: string; path: string; pages: number }[] = [];
  for (const ref of pdfRefs) {
    const resolved = resolveAsset(source.path, ref.url, input.root);
    if ('problem' in resolved) continue;
    const pages = await readFile(resolved.path).then(pdfPageCount).catch(() => undefined);
    if (pages !== undefined) appended.push({ url: ref.url, path: resolved.path, pages });
  }
  const imageRefs = [...markdownImageRefs(document.body, definitions), ...evidence.filter((ref) => !/\.pdf$/i.test(ref.url))];
  const found = await findImages(imageRefs, source.path, source.displayPath, input.root);
  const code = documentCode(document);
  const title = 'title' in document && document.title ? document.title : categoryNames[code];
  let pdf: RenderedPdf | undefined;
  for (const [step, quality] of qualitySteps.entries()) {
    if (step > 0 && found.images.length === 0) break;
    const images = await placeImages(found.images, theme, quality);
    const layout = layoutDocument({ source, document, portfolio, theme, images, appendedPdfs: appended.map((a) => a.url), targetLabel: input.targetLabel });
    if (step === 0) diagnostics.push(...layout.diagnostics);
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
        appendedPages: appended.reduce((n, a) => n + a.pages, 0),
      },
      layout.content,
    );
    let data = await renderPdf(definition);
    let pages = typesetPageCount(data);
    if (pages > inputLimits.pageMaxCount) {
      diagnostics.push(diagnostic(source.displayPath, undefined, 'error', 'pages-too-many', { pages, max: inputLimits.pageMaxCount }));
      return { diagnostics };
    }
    if (appended.length) {
      data = await appendPdfPages(data, appended.map((a) => a.path), definition);
      pages = await pdfPageCount(data);
    }
    pdf = { data, pages };
    if (data.length <= maxBytes) {
      if (step > 0) diagnostics.push(diagnostic(source.displayPath, undefined, 'warning', 'pdf-images-recompressed', { max: maxBytes, quality: quality.jpegQuality }));
      return { pdf, diagnostics };
    }
  }
  diagnostics.push(diagnostic(source.displayPath, undefined, 'error', 'pdf-over-cap', { bytes: pdf?.data.length ?? 0, max: maxBytes, pages: pdf?.pages ?? 0, images: found.images.length }));
  return { diagnostics };
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
export function typesetPageCount(pdf: Buffer): number {
  const match = /\/Type \/Pages\s*\/Count (\d+)/.exec(pdf.toString('latin1'));
  return match ? Number(match[1]) : 0;
}

export const sha256 = (data: Uint8Array): string => createHash('sha256').update(data).digest('hex');
