import { readFile } from 'node:fs/promises';
import type { PDFDocument } from 'pdf-lib';
import { pdfLib, quietly } from '../infra/pdf-lib.js';
import { readPdf } from '../infra/read-pdf.js';
import { drawInto, framePages } from './page-stamps.js';
import type { TypesetDefinition } from '../layout/document.js';

/**
 * Appends every page of the given PDFs to a document typeset from `definition`, each drawn into
 * a page with the document's running header and page number, as every page of it has. Metadata,
 * outline and language of the typeset document are kept as they are.
 */
export async function appendPdfPages(document: Uint8Array, pdfPaths: readonly string[], definition: TypesetDefinition): Promise<Buffer> {
  const target = await quietly(() => pdfLib().PDFDocument.load(document, { updateMetadata: false }));
  const sources = await Promise.all(pdfPaths.map(async (path) => readPdf(await readFile(path))));
  await quietly(() => appendFramed(target, sources, definition));
  return Buffer.from(await target.save({ updateFieldAppearances: false }));
}

/**
 * A PDF someone else made as pages of the bundle: each drawn into a page with the running header
 * and page numbers of `definition` (a document of no typeset pages, the PDF's pages counted in).
 */
export async function framedPdf(data: Uint8Array, definition: (pages: number) => TypesetDefinition): Promise<Buffer> {
  const source = await readPdf(data);
  const target = await pdfLib().PDFDocument.create({ updateMetadata: false });
  await quietly(() => appendFramed(target, [source], definition(source.getPageCount())));
  return Buffer.from(await target.save({ updateFieldAppearances: false }));
}

async function appendFramed(target: PDFDocument, sources: readonly PDFDocument[], definition: TypesetDefinition): Promise<void> {
  const pages = sources.flatMap((source) => source.getPages());
  const frames = await readPdf(await framePages(definition, pages.length, target.getPageCount()));
  const copied = await target.copyPages(frames, frames.getPageIndices());
  for (const [i, page] of pages.entries()) await drawInto(target.addPage(copied[i]!), page, definition.pageMargins);
}

/** Number of pages of any PDF, through its page tree. */
export async function pdfPageCount(data: Uint8Array): Promise<number> {
  return (await readPdf(data)).getPageCount();
}
