/**
 * Methods of pdfmake, pdfkit and fontkit that licheng replaces for speed, each kept with the one it
 * replaced, so that test/speedups.test.ts can build with and without it and compare the PDFs.
 */
export interface MethodPatch {
  name: string;
  owner: Record<string, unknown>;
  method: string;
  original: unknown;
  patched: unknown;
  /** The change must not alter a single byte of the PDF. */
  sameBytes: boolean;
}

export const methodPatches: MethodPatch[] = [];

/** Records a replacement already made (`owner[method]` is the new one). */
export function recordPatch(name: string, owner: object, method: string, original: unknown, sameBytes = true): void {
  const record = owner as Record<string, unknown>;
  methodPatches.push({ name, owner: record, method, original, patched: record[method], sameBytes });
}
