import { PDFDocument, PDFHexString, PDFName, PDFNull, PDFNumber, type PDFDict, type PDFRef } from 'pdf-lib';
import { readPdf } from '../emit/append-pdf.js';
import { quietly } from '../emit/pdf-lib.js';

export interface MergePart {
  /** Bookmark title of this part. */
  title: string;
  data: Uint8Array;
  /** Its page count, when known without parsing it. */
  pages?: number;
}

export interface MergeOptions {
  title: string;
  author: string;
  subject: string;
  date: Date;
  /** Pages placed before the parts (a contents page), not bookmarked per part. */
  front?: Uint8Array;
}

/**
 * One PDF of several documents, each starting on a new page, with a bookmark per document.
 * Deterministic: fixed dates, no random IDs.
 */
export function mergePdfs(parts: readonly MergePart[], options: MergeOptions): Promise<{ data: Buffer; starts: number[]; pages: number }> {
  return quietly(() => merge(parts, options));
}

async function merge(parts: readonly MergePart[], options: MergeOptions): Promise<{ data: Buffer; starts: number[]; pages: number }> {
  const merged = await PDFDocument.create({ updateMetadata: false });
  merged.setTitle(options.title, { showInWindowTitleBar: true });
  merged.setAuthor(options.author);
  merged.setSubject(options.subject);
  merged.setCreator('licheng');
  merged.setProducer('licheng (pdf-lib)');
  merged.setCreationDate(options.date);
  merged.setModificationDate(options.date);
  merged.setLanguage('zh-Hant-TW');
  const append = async (data: Uint8Array) => {
    const source = await readPdf(data);
    for (const page of await merged.copyPages(source, source.getPageIndices())) merged.addPage(page);
  };
  if (options.front) await append(options.front);
  const starts: number[] = [];
  for (const part of parts) {
    starts.push(merged.getPageCount());
    await append(part.data);
  }
  addOutline(merged, parts.map((p, i) => ({ title: p.title, page: starts[i]! })));
  const data = Buffer.from(await merged.save({ updateFieldAppearances: false }));
  return { data, starts, pages: merged.getPageCount() };
}

/** A flat outline: one bookmark per entry, each jumping to the top of its first page. */
function addOutline(document: PDFDocument, entries: { title: string; page: number }[]): void {
  if (entries.length === 0) return;
  const context = document.context;
  const outlinesRef = context.nextRef();
  const refs = entries.map(() => context.nextRef());
  const pages = document.getPages();
  entries.forEach((entry, i) => {
    const item: PDFDict = context.obj({
      Title: PDFHexString.fromText(entry.title),
      Parent: outlinesRef,
      Dest: [pages[entry.page]!.ref, PDFName.of('XYZ'), PDFNull, PDFNull, PDFNull],
    });
    if (i > 0) item.set(PDFName.of('Prev'), refs[i - 1] as PDFRef);
    if (i < refs.length - 1) item.set(PDFName.of('Next'), refs[i + 1] as PDFRef);
    context.assign(refs[i]!, item);
  });
  context.assign(
    outlinesRef,
    context.obj({ Type: 'Outlines', First: refs[0]!, Last: refs.at(-1)!, Count: PDFNumber.of(entries.length) }),
  );
  document.catalog.set(PDFName.of('Outlines'), outlinesRef);
  document.catalog.set(PDFName.of('PageMode'), PDFName.of('UseOutlines'));
}
