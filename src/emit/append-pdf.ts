import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { quietPdfLib } from './quiet-pdf-lib.js';

// pdf-lib (~190 ms to load) is loaded only by documents that append PDFs. Through require, not
// import(): the CLI's cached code cannot run import() on Node 20 (src/cli/compile-cache.ts).
const require = createRequire(import.meta.url);
const pdfLib = () => require('pdf-lib') as typeof import('pdf-lib');

/**
 * Appends every page of the given PDFs (a certificate scan, an award letter) to a typeset
 * document. Metadata, outline and language of the typeset document are kept as they are.
 */
export function appendPdfPages(document: Uint8Array, pdfPaths: readonly string[]): Promise<Buffer> {
  return quietPdfLib(() => appendPages(document, pdfPaths));
}

async function appendPages(document: Uint8Array, pdfPaths: readonly string[]): Promise<Buffer> {
  const { PDFDocument } = pdfLib();
  const target = await PDFDocument.load(document, { updateMetadata: false });
  for (const path of pdfPaths) {
    const source = await PDFDocument.load(await readFile(path), { updateMetadata: false, ignoreEncryption: true });
    const pages = await target.copyPages(source, source.getPageIndices());
    for (const page of pages) target.addPage(page);
  }
  return Buffer.from(await target.save({ updateFieldAppearances: false }));
}

/** Number of pages of any PDF, through its page tree. */
export async function pdfPageCount(data: Uint8Array): Promise<number> {
  const { PDFDocument } = pdfLib();
  return (await quietPdfLib(() => PDFDocument.load(data, { updateMetadata: false, ignoreEncryption: true }))).getPageCount();
}
