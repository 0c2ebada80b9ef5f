import { readFile } from 'node:fs/promises';
import type { PDFDocument } from 'pdf-lib';
import { decryptWithoutPassword } from './pdf-decrypt.js';
import { pdfLib, quietly } from './pdf-lib.js';

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
