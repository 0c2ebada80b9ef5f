import { expect } from 'vitest';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { build } from '../../src/build.js';
import { cpuSeconds } from '../helpers/measure.js';
import { parsePdf, type ParsedPdf } from '../helpers/pdf.js';
import { courseMarkdown, makePortfolio, sections } from '../helpers/portfolio.js';

/** Typesets one course outcome whose 課程說明 is `body` (with `files` beside it); the PDF parsed back, its size, and the build's processor seconds. */
export async function typeset(
  body: string,
  frontMatter: Record<string, string> = {},
  files: Record<string, Buffer> = {},
): Promise<{ pdf: ParsedPdf; bytes: number; seconds: number }> {
  const root = await makePortfolio({ 'courses/doc.md': courseMarkdown(sections.replace('說明文字。', body), frontMatter), ...files });
  const { value: result, seconds } = await cpuSeconds(() => build([root]));
  expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  const data = await readFile(join(root, 'out', 'courses', 'doc.pdf'));
  return { pdf: await parsePdf(data), bytes: data.length, seconds };
}

/**
 * The body text of a PDF in the order it was set (a table cell by cell), without the running
 * header and footer (8.5 pt) and without the line breaks and spaces layout put in.
 */
export const allText = (pdf: ParsedPdf): string =>
  pdf.runs
    .flat()
    .filter((r) => r.size > 8.6)
    .map((r) => r.text)
    .join('')
    .replace(/\s+/g, '');
