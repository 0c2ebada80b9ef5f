import { promisify } from 'node:util';
import { deflate, deflateSync, type ZlibOptions } from 'node:zlib';
import { applyPatch, type Patch } from '../registry.js';
import { finalizeDeflated, referencePrototype, type Reference } from '../speed/pdfkit-reference-text.js';

/**
 * Deflating the subset of a Chinese font is the costliest step of writing a new document's PDF
 * (~120 kB of glyph outlines, which deflate poorly: to ~70 %). zlib's default level spends a
 * quarter of that time finding the last 0.2 % of the size; level 5 with zlib's largest hash
 * tables does not (measured on the three-page bench document: 2.75 → 2.14 ms, 84,550 → 84,725
 * bytes; level 4 would save a third for 1.3 % more bytes). A font program is deflated once per
 * buffer: the subset cache (speed/fontkit-subset-cache.ts) hands the same buffer back for a
 * glyph set it has seen, and its deflated bytes stay while the buffer does.
 */
type Finalize = (this: Reference) => void;

const fontDeflate: ZlibOptions = { level: 5, memLevel: 9 };
const deflated = new WeakMap<Uint8Array, Buffer>();

/** A TrueType program as fontkit writes a subset: its table directory starts with the tag `true`. */
export const fontProgram = (chunk: Uint8Array): boolean =>
  chunk.length > 12 && chunk[0] === 0x74 && chunk[1] === 0x72 && chunk[2] === 0x75 && chunk[3] === 0x65;

export const fontProgramDeflate: Patch = {
  name: 'font programs deflated faster',
  package: 'pdfkit',
  version: '0.19.1',
  target: 'PDFReference.prototype.finalize',
  sha256: '8af9e473a08414758afb20298825e28ce4199aa70792287284f9aac3238b35b4',
  kind: 'behaviour',
  replace: (original: Finalize): Finalize =>
    function finalize() {
      const only = this.buffer.length === 1 ? this.buffer[0] : undefined;
      if (!this.compress || !only || !fontProgram(only)) return original.call(this);
      let bytes = deflated.get(only);
      if (!bytes) deflated.set(only, (bytes = deflateSync(only, fontDeflate)));
      finalizeDeflated(this, original, bytes);
    },
};

/** Before the joining of stream text (speed/pdfkit-reference-text.ts), which then hands it whole chunks. */
export const installFontDeflate = (): boolean => applyPatch(fontProgramDeflate, referencePrototype());

interface EmbeddedFont {
  /** Set once the document has written text in the font: only such a font is embedded. */
  dictionary?: unknown;
  embedded?: boolean;
  subset?: { encode(): Uint8Array };
}

const deflateAsync = promisify(deflate);

/**
 * Deflates the subsets of the fonts a rendered document will embed on libuv's thread pool, before
 * `end()` writes the PDF (synchronously): `finalize` above then finds them deflated. Meanwhile
 * this thread is free for another document (src/build.ts typesets two at a time), so the costliest
 * step of a PDF's end runs on another core. The subset is encoded now, as `end()` would (the
 * subset cache hands `end()` the same buffer); a subset the cache does not return again is
 * deflated in `end()` as before: the bytes are the same either way, only where the time goes moves.
 */
export async function deflateFontsAhead(document: object): Promise<void> {
  const families = (document as { _fontFamilies?: Record<string, EmbeddedFont> })._fontFamilies ?? {};
  const pending: Promise<unknown>[] = [];
  for (const font of new Set(Object.values(families))) {
    if (font.embedded || font.dictionary == null || !font.subset) continue;
    const data = font.subset.encode();
    if (!fontProgram(data) || deflated.has(data)) continue;
    // In one piece: zlib's 16 kB output chunks would each be a round trip through this thread.
    pending.push(deflateAsync(data, { ...fontDeflate, chunkSize: data.length + 1024 }).then((bytes) => deflated.set(data, bytes)));
  }
  await Promise.all(pending);
}
