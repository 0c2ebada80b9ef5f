import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { diagnostic, type Diagnostic } from '../diagnostics.js';
import { documentCode, type PortfolioDocument } from '../model/document.js';
import type { Portfolio } from '../model/portfolio.js';
import { categoryNames } from '../model/vocabulary.js';
import type { MarkdownSource } from '../read/read-source.js';
import { resolveAsset } from '../read/resolve-asset.js';
import { documentDefinition } from '../layout/document.js';
import { chooseQuality, imageEstimator } from '../layout/image-quality.js';
import { placeholderImages, placeImages } from '../layout/images.js';
import { findImages } from '../read/find-images.js';
import { collectDefinitions, markdownImageRefs, type AssetRef } from '../read/markdown-images.js';
import type { BlockListener, Content, PlacedImage } from '../layout/markdown.js';
import { layoutDocument } from '../layout/content.js';
import type { Theme } from '../layout/theme.js';
import { appendPdfPages, pdfPageCount } from './append-pdf.js';
import { inputLimits } from '../limits.js';
import { renderFloating, type FloatPlan } from './render-floating.js';
import type { WaitAside } from '../infra/turns.js';

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
  /** Told of each Markdown block laid out (an editor's source map). */
  onBlock?: BlockListener;
  /** How to wait for the PDF's fonts, deflated off this thread (renderPdf). */
  aside?: WaitAside;
}

/** What a document's images aim at: a little under the cap, so the one verifying typesetting usually fits. */
const capAim = 0.95;
/** Typesettings with real images before a document is said not to fit: estimates, once corrected, are close. */
const attempts = 3;

export interface RenderedDocument {
  pdf?: RenderedPdf;
  diagnostics: Diagnostic[];
  /** The content typeset into `pdf`, laid out by pdfmake (its nodes carry `positions`). */
  content?: Content[];
}

/**
 * Typesets one document. Its images are fitted together: the document is typeset once with
 * stand-ins to learn what its text costs, and the images get the highest common quality whose
 * estimated bytes fill the rest of the cap — or the document says it cannot fit.
 */
export async function renderDocument(input: RenderInput): Promise<RenderedDocument> {
  const { source, document, portfolio, theme, maxBytes } = input;
  const definitions = collectDefinitions(document.body);
  const evidence = document.kind === 'performance' ? (document.evidence ?? []).map((url): AssetRef => ({ url, place: undefined })) : [];
  const pdfRefs = evidence.filter((ref) => /\.pdf$/i.test(ref.url));
  // Missing or broken files were reported by the `assets` rule; here they are only left out.
  const appended: { url: string; path: string; pages: number }[] = [];
  for (const ref of pdfRefs) {
    const resolved = resolveAsset(source.path, ref.url, input.root);
    if ('problem' in resolved) continue;
    const pages = await readFile(resolved.path)
      .then(pdfPageCount)
      .catch(() => undefined);
    if (pages !== undefined) appended.push({ url: ref.url, path: resolved.path, pages });
  }
  const imageRefs = [...markdownImageRefs(document.body, definitions), ...evidence.filter((ref) => !/\.pdf$/i.test(ref.url))];
  const found = await findImages(imageRefs, source.path, source.displayPath, input.root);
  const code = documentCode(document);
  const title = 'title' in document && document.title ? document.title : categoryNames[code];
  // Stand-ins and real images have the same sizes: where the first typesetting put the figures, the next start from.
  const floats: FloatPlan = { order: [], scales: new Map() };
  const render = async (images: Map<string, PlacedImage & { bytes: number }>) => {
    const layout = layoutDocument({
      source,
      document,
      portfolio,
      theme,
      images,
      appendedPdfs: appended.map((a) => a.url),
      targetLabel: input.targetLabel,
      onBlock: input.onBlock,
    });
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
    const typeset = await renderFloating(definition, floats, input.aside);
    let data = typeset.data;
    let pages = typesetPageCount(data);
    // Beyond the page limit nothing more is done with it: the layout's findings and this one are all it gets.
    const tooLong =
      pages > inputLimits.pageMaxCount
        ? diagnostic(source.displayPath, undefined, 'error', 'pages-too-many', { pages, max: inputLimits.pageMaxCount })
        : undefined;
    if (appended.length && !tooLong) {
      data = await appendPdfPages(
        data,
        appended.map((a) => a.path),
        definition,
      );
      pages = await pdfPageCount(data);
    }
    const imageBytes = [...images.values()].reduce((n, image) => n + image.bytes, 0);
    return { pdf: { data, pages }, diagnostics: layout.diagnostics, imageBytes, tooLong, content: typeset.content };
  };
  const overCap = (pdf: RenderedPdf) =>
    diagnostic(source.displayPath, undefined, 'error', 'pdf-over-cap', {
      bytes: pdf.data.length,
      max: maxBytes,
      pages: pdf.pages,
      images: found.images.length,
    });
  if (found.images.length === 0) {
    const { pdf, diagnostics, tooLong, content } = await render(new Map());
    if (tooLong) return { diagnostics: [...diagnostics, tooLong] };
    return pdf.data.length <= maxBytes ? { pdf, diagnostics, content } : { diagnostics: [...diagnostics, overCap(pdf)] };
  }
  const bare = await render(await placeholderImages(found.images, theme));
  if (bare.tooLong) return { diagnostics: [...bare.diagnostics, bare.tooLong] };
  const diagnostics = bare.diagnostics;
  const textBytes = bare.pdf.data.length - bare.imageBytes;
  const estimate = imageEstimator(found.images, theme);
  let correction = 1;
  let pdf = bare.pdf;
  for (let attempt = 0; attempt < attempts; attempt++) {
    const choice = await chooseQuality(estimate, (maxBytes * capAim - textBytes) / correction);
    const typeset = await render(await placeImages(found.images, theme, choice.quality));
    pdf = typeset.pdf;
    if (pdf.data.length <= maxBytes) {
      if (choice.shrunk)
        diagnostics.push(
          diagnostic(source.displayPath, undefined, 'warning', 'pdf-images-recompressed', { max: maxBytes, quality: choice.quality.jpegQuality }),
        );
      return { pdf, diagnostics, content: typeset.content };
    }
    if (!choice.fits) break;
    // The estimate was short by this much: the next search budgets with it.
    correction = typeset.imageBytes / choice.bytes;
  }
  return { diagnostics: [...diagnostics, overCap(pdf)] };
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

/**
 * Page count of a PDF pdfkit wrote: its page tree is plain text (/Type /Pages /Count N). Found in
 * the bytes, so the document is not made a string (a copy the size of the PDF on every render).
 */
export function typesetPageCount(pdf: Buffer): number {
  for (let at = pdf.indexOf(pagesType); at >= 0; at = pdf.indexOf(pagesType, at + 1)) {
    const match = pagesCount.exec(pdf.toString('latin1', at, at + pagesWindow));
    if (match) return Number(match[1]);
  }
  return 0;
}
const pagesType = Buffer.from('/Type /Pages', 'latin1');
const pagesCount = /^\/Type \/Pages\s*\/Count (\d+)/;
/** Room after `/Type /Pages` for the white space pdfkit writes and a count (pdfkit writes one newline). */
const pagesWindow = 256;

export const sha256 = (data: Uint8Array): string => createHash('sha256').update(data).digest('hex');
