import { createHash } from 'node:crypto';
import type { Diagnostic } from '../diagnostics.js';
import { diagnostic } from '../diagnostics.js';
import { courseKeyTable, type CourseOutcome } from '../model/course.js';
import { positionOfPath } from '../model/fields.js';
import type { Portfolio } from '../model/portfolio.js';
import { categoryNames } from '../model/vocabulary.js';
import type { MarkdownSource } from '../read/read-source.js';
import { courseContent } from '../layout/course.js';
import { documentDefinition } from '../layout/document.js';
import { findImages, placeImages, qualitySteps } from '../layout/images.js';
import { collectDefinitions } from '../layout/markdown.js';
import type { Theme } from '../layout/theme.js';
import { fontkitFont, renderPdf } from './pdf-engine.js';

export interface RenderedPdf {
  data: Buffer;
  pages: number;
}

export interface RenderInput {
  source: MarkdownSource;
  course: CourseOutcome;
  portfolio: Portfolio | undefined;
  root: string;
  theme: Theme;
  maxBytes: number;
}

/**
 * Typesets a course outcome; when the PDF is over its cap, re-encodes the images smaller,
 * step by step, until it fits — or says it cannot.
 */
export async function renderCourse(input: RenderInput): Promise<{ pdf?: RenderedPdf; diagnostics: Diagnostic[] }> {
  const { source, course, portfolio, theme, maxBytes } = input;
  const definitions = collectDefinitions(course.body);
  const { images, diagnostics } = await findImages(course.body, definitions, source.path, source.displayPath, input.root);
  const missingReported = new Set<string>();
  let pdf: RenderedPdf | undefined;
  for (const [step, quality] of qualitySteps.entries()) {
    if (step > 0 && images.length === 0) break;
    const placed = await placeImages(images, theme, quality);
    const content = courseContent(course, portfolio, {
      theme,
      images: placed,
      coverage: fontkitFont(theme.font.name),
      definitions,
      figureCount: { value: 0 },
      headingCount: { value: 0 },
      outlineParent: 'doc',
      keyPosition: (path) => (source.frontMatter ? positionOfPath(source.frontMatter, courseKeyTable, path) : { line: 1, column: 1 }),
      onMissingGlyph: (char, place) => {
        const key = `${place.line}:${place.column}`;
        if (missingReported.has(key)) return;
        missingReported.add(key);
        diagnostics.push(diagnostic(source.displayPath, place, 'warning', 'glyph-missing', { char, code: `U+${char.codePointAt(0)!.toString(16).toUpperCase()}` }));
      },
    });
    const student = portfolio?.student ?? '';
    const definition = documentDefinition(
      theme,
      {
        title: course.title,
        author: student,
        subject: `${course.category} ${categoryNames[course.category]}`,
        keywords: `${course.course}, ${course.year}-${course.term}`,
        headerLeft: [student, portfolio?.school].filter(Boolean).join('・'),
        headerRight: course.title,
        date: termEnd(course.year, course.term),
      },
      content,
    );
    const data = await renderPdf(definition);
    pdf = { data, pages: countPages(data) };
    if (data.length <= maxBytes) {
      if (step > 0) diagnostics.push(diagnostic(source.displayPath, undefined, 'warning', 'pdf-images-recompressed', { max: maxBytes, quality: quality.jpegQuality }));
      return { pdf, diagnostics };
    }
  }
  diagnostics.push(diagnostic(source.displayPath, undefined, 'error', 'pdf-over-cap', { bytes: pdf?.data.length ?? 0, max: maxBytes, pages: pdf?.pages ?? 0 }));
  return { diagnostics };
}

/** The last day of the school term (學年度 112 term 1 ends January 2024): a date from the input, not the clock. */
export function termEnd(year: number, term: number): Date {
  return term === 1 ? new Date(Date.UTC(year + 1912, 0, 31)) : new Date(Date.UTC(year + 1912, 6, 31));
}

/** Page count from pdfkit's page tree (/Type /Pages … /Count N), without parsing the PDF. */
export function countPages(pdf: Buffer): number {
  const match = /\/Type \/Pages\s*\/Count (\d+)/.exec(pdf.toString('latin1'));
  return match ? Number(match[1]) : 0;
}

export const sha256 = (data: Uint8Array): string => createHash('sha256').update(data).digest('hex');
