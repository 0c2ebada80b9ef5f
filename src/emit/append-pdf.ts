import { readFile } from 'node:fs/promises';
import type { PDFDocument } from 'pdf-lib';
import { decryptWithoutPassword } from './pdf-decrypt.js';
import { pdfLib, quietly } from './pdf-lib.js';
import { drawInto, framePages } from './page-stamps.js';
import type { TypesetDefinition } from '../layout/document.js';

/** A PDF that needs a password to open: licheng cannot read it, and neither could a reviewer. */
export class PdfPasswordError extends Error {
  constructor() {
    super('the PDF needs a password to open');
    this.name = 'PdfPasswordError';
  }
}

/**
 * A PDF someone else made (a certificate scan, an award letter), as pdf-lib reads it. One with
 * only an owner password is decrypted (it opens without one); one that needs a password to open
 * throws a PdfPasswordError; one pdf-lib cannot read, its own error.
 */
export function readPdf(data: Uint8Array): Promise<PDFDocument> {
  return quietly(async () => {
    const document = await pdfLib().PDFDocument.load(data, { updateMetadata: false, ignoreEncryption: true });
    if (document.isEncrypted && !(await decryptWithoutPassword(document))) throw new PdfPasswordError();
    return document;
  });
}

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

/** Why a PDF cannot be appended (every page is copied, as a build will): undefined when it can. */
export async function pdfProblem(path: string): Promise<'password' | 'damaged' | undefined> {
  try {
    const source = await readPdf(await readFile(path));
    const copy = await pdfLib().PDFDocument.create();
    await quietly(() => copy.copyPages(source, source.getPageIndices()));
    return source.getPageCount() > 0 ? undefined : 'damaged';
  } catch (error) {
    return error instanceof PdfPasswordError ? 'password' : 'damaged';
  }
}
