import { PDFDict, PDFDocument, PDFHexString, PDFName, PDFNull, PDFNumber, PDFString, type PDFRef } from 'pdf-lib';
import { drawOver } from '../emit/page-stamps.js';
import { readPdf } from '../infra/read-pdf.js';
import { quietly } from '../infra/pdf-lib.js';

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
  /**
   * Pages placed before the parts (a contents page), not bookmarked per part. Its links to
   * `#part-N` (N from 1) become links to the first page of part N.
   */
  front?: Uint8Array;
  /** Pages drawn over the merged file's pages, one for each (its own page numbers). */
  stamps?: Uint8Array;
}

/** The link a contents page gives to the first page of part `n` (from 1). */
export const partLink = (n: number) => `#part-${n}`;

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
  const frontPages = merged.getPageCount();
  const starts: number[] = [];
  for (const part of parts) {
    starts.push(merged.getPageCount());
    await append(part.data);
  }
  addOutline(
    merged,
    parts.map((p, i) => ({ title: p.title, page: starts[i]! })),
  );
  linkParts(merged, frontPages, starts);
  if (options.stamps) await drawOver(merged, options.stamps);
  const data = Buffer.from(await merged.save({ updateFieldAppearances: false }));
  return { data, starts, pages: merged.getPageCount() };
}

/** The front pages' `#part-N` links (URI actions as pdfmake writes them) made into jumps to each part. */
function linkParts(document: PDFDocument, frontPages: number, starts: readonly number[]): void {
  const pages = document.getPages();
  for (const page of pages.slice(0, frontPages)) {
    for (const annotation of page.node.Annots()?.asArray() ?? []) {
      const dict = document.context.lookup(annotation, PDFDict);
      const action = dict.lookupMaybe(PDFName.of('A'), PDFDict);
      const uri = action?.lookupMaybe(PDFName.of('URI'), PDFString, PDFHexString)?.decodeText();
      const part = uri === undefined ? -1 : starts.findIndex((_, i) => partLink(i + 1) === uri);
      if (part < 0) continue;
      dict.delete(PDFName.of('A'));
      dict.set(PDFName.of('Dest'), document.context.obj([pages[starts[part]!]!.ref, PDFName.of('XYZ'), PDFNull, PDFNull, PDFNull]));
    }
  }
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
  context.assign(outlinesRef, context.obj({ Type: 'Outlines', First: refs[0]!, Last: refs.at(-1)!, Count: PDFNumber.of(entries.length) }));
  document.catalog.set(PDFName.of('Outlines'), outlinesRef);
  document.catalog.set(PDFName.of('PageMode'), PDFName.of('UseOutlines'));
}
