import { describe, expect, it } from 'vitest';
import { typesetPageCount } from '../../src/emit/render-document.js';
import { pdfmakeRequire } from '../../src/infra/vendor.js';
import { parsePdf } from '../helpers/pdf.js';

interface Doc {
  addPage(): Doc;
  text(text: string): Doc;
  end(): void;
  on(event: string, listener: (chunk?: Buffer) => void): Doc;
}

/** A PDF pdfkit writes with `pages` pages, each with a line of text. */
async function pdfOf(pages: number, compress: boolean): Promise<Buffer> {
  const PDFDocument = pdfmakeRequire('pdfkit') as new (options: object) => Doc;
  const doc = new PDFDocument({ autoFirstPage: false, compress });
  const chunks: Buffer[] = [];
  const done = new Promise<void>((resolve) => doc.on('end', () => resolve()));
  doc.on('data', (chunk) => chunks.push(chunk!));
  for (let i = 0; i < pages; i++) doc.addPage().text(`/Type /Pages page ${i + 1}`);
  doc.end();
  await done;
  return Buffer.concat(chunks);
}

describe('the page count of a typeset PDF', () => {
  it('is read from the page tree, as a PDF reader counts the pages', async () => {
    for (const pages of [1, 3, 12]) {
      for (const compress of [true, false]) {
        const pdf = await pdfOf(pages, compress);
        expect(typesetPageCount(pdf)).toBe(pages);
        expect((await parsePdf(pdf)).pages).toBe(pages);
      }
    }
  });

  it('is 0 for bytes with no page tree', () => {
    expect(typesetPageCount(Buffer.from('%PDF-1.3\n/Type /Pages but no count\n'))).toBe(0);
  });
});
