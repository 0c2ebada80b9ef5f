import { readFile } from 'node:fs/promises';

// pdf-lib (~190 ms to load) is imported only by documents that append PDFs.

/**
 * Appends every page of the given PDFs (a certificate scan, an award letter) to a typeset
 * document. Metadata, outline and language of the typeset document are kept as they are.
 */
export async function appendPdfPages(document: Uint8Array, pdfPaths: readonly string[]): Promise<Buffer> {
  const { PDFDocument } = await import('pdf-lib');
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
  const { PDFDocument } = await import('pdf-lib');
  return (await PDFDocument.load(data, { updateMetadata: false, ignoreEncryption: true })).getPageCount();
}
