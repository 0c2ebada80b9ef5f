import type { PDFDocument, PDFPage } from 'pdf-lib';
import { documentDefinition, type TypesetDefinition } from '../layout/document.js';
import type { Theme } from '../layout/theme.js';
import { renderPdf } from './pdf-engine.js';
import { pdfLib } from '../infra/pdf-lib.js';
import { readPdf } from '../infra/read-pdf.js';

/**
 * Text is drawn onto pages pdf-lib assembles (merged files, attached PDFs) by typesetting it with
 * pdfmake on otherwise blank pages and laying those pages over them: the same fonts, sizes and
 * places as every typeset page, with no second font machinery and bytes as deterministic as pdfmake's.
 */

/** One blank page per text, the text at the right of the page-number line. */
export function stampPages(theme: Theme, texts: readonly string[], date: Date): Promise<Buffer> {
  const [left, , right] = theme.pageMargins;
  const meta = { title: '', author: '', subject: '', headerLeft: '', headerRight: '', date };
  const definition = documentDefinition(theme, meta, blankPages(texts.length));
  return renderPdf({
    ...definition,
    header: undefined,
    footer: (page: number) => ({ text: texts[page - 1] ?? '', alignment: 'right', style: 'chrome', margin: [left, 18, right, 0] }),
  });
}

/**
 * `count` pages with the running header and page numbers of a document typeset from
 * `definition` that has `before` pages: the frames its attached PDF pages are drawn into.
 */
export function framePages(definition: TypesetDefinition, count: number, before: number): Promise<Buffer> {
  return renderPdf({ ...definition, content: blankPages(count), footer: (page: number) => definition.footer(before + page, before) });
}

/** Draws each page of `overlay` over the page of `document` at the same place. */
export async function drawOver(document: PDFDocument, overlay: Uint8Array): Promise<void> {
  const source = await readPdf(overlay);
  const embedded = await document.embedPdf(source, source.getPageIndices());
  const pages = document.getPages();
  embedded.forEach((page, i) => pages[i]?.drawPage(page));
}

/**
 * Draws a page someone else made into a frame page, scaled to the frame's text area (never
 * enlarged) and centred, with a hairline around it so the reader sees where it begins.
 */
export async function drawInto(frame: PDFPage, page: PDFPage, margins: TypesetDefinition['pageMargins']): Promise<void> {
  const [left, top, right, bottom] = margins;
  const { width, height } = frame.getSize();
  const box = { width: width - left - right, height: height - top - bottom };
  const embedded = await frame.doc.embedPage(page);
  // A page with /Rotate (a landscape scan) is shown turned; embedding it does not turn it.
  const turn = (((page.getRotation().angle % 360) + 360) % 360) as 0 | 90 | 180 | 270;
  const [shownWidth, shownHeight] = turn % 180 ? [embedded.height, embedded.width] : [embedded.width, embedded.height];
  const scale = Math.min(1, box.width / shownWidth, box.height / shownHeight);
  const shown = { width: shownWidth * scale, height: shownHeight * scale };
  const x = left + (box.width - shown.width) / 2;
  const y = bottom + (box.height - shown.height) / 2;
  // drawPage turns counterclockwise about its origin: the origin goes to the corner the turn leaves the page's lower left at.
  const origin = { 0: [x, y], 90: [x, y + shown.height], 180: [x + shown.width, y + shown.height], 270: [x + shown.width, y] }[turn];
  frame.drawPage(embedded, { x: origin[0]!, y: origin[1]!, width: embedded.width * scale, height: embedded.height * scale, rotate: pdfLib().degrees(-turn) });
  frame.drawRectangle({ x, y, ...shown, borderWidth: 0.5, borderColor: pdfLib().grayscale(0.7) });
}

const blankPages = (count: number) => Array.from({ length: count }, (_, i) => ({ text: '', pageBreak: i > 0 ? 'before' : undefined }));
