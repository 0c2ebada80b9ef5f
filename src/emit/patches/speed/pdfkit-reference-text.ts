import { pdfmakeRequire } from '../../../infra/vendor.js';
import { applyPatch, type Patch } from '../registry.js';

/**
 * pdfkit turns every operator it writes into a page (a dozen per line of text) into a Buffer of
 * its own, to be joined when the stream ends. Text chunks are kept as one string instead and
 * turned into bytes once, the same way (latin1, a newline after each), where a binary chunk
 * follows or the stream ends: the same bytes, thousands fewer small Buffers a document.
 */
export interface Reference {
  buffer: Uint8Array[];
  data: { Length?: number; Filter?: string };
  compress: boolean;
  uncompressedLength: number;
  /** Text written since the last binary chunk, not yet in `buffer`. */
  text?: string;
}
type Write = (this: Reference, chunk: unknown) => void;
type Finalize = (this: Reference) => void;

/** Moves the pending text into the chunks, as the bytes pdfkit would have made of it. */
function settle(reference: Reference): void {
  if (!reference.text) return;
  reference.buffer.push(Buffer.from(reference.text, 'latin1'));
  reference.text = '';
}

export const referenceFinalize: Patch = {
  name: 'stream text joined once (end)',
  package: 'pdfkit',
  version: '0.19.1',
  target: 'PDFReference.prototype.finalize',
  sha256: '8af9e473a08414758afb20298825e28ce4199aa70792287284f9aac3238b35b4',
  kind: 'speed',
  replace: (original: Finalize): Finalize =>
    function finalize() {
      settle(this);
      return original.call(this);
    },
};

export const referenceWrite: Patch = {
  name: 'stream text joined once',
  package: 'pdfkit',
  version: '0.19.1',
  target: 'PDFReference.prototype.write',
  sha256: 'd908ca396fbfefdf83d98cb321ebaaa57ef5055f5ec56c16fd697278ced62c5f',
  kind: 'speed',
  // Its text is in no chunk until the stream ends.
  needs: referenceFinalize,
  replace: (original: Write): Write =>
    function write(chunk) {
      if (chunk instanceof Uint8Array) {
        settle(this);
        return original.call(this, chunk);
      }
      const text = `${chunk}\n`;
      // One byte per UTF-16 unit, as Buffer.from(…, 'binary') makes them.
      this.text = (this.text ?? '') + text;
      this.uncompressedLength += text.length;
      this.data.Length = (this.data.Length ?? 0) + text.length;
      if (this.compress) this.data.Filter = 'FlateDecode';
    },
};

/**
 * Finalizes a stream whose bytes the caller has deflated itself (the patches that choose a deflate
 * level): pdfkit writes them as they are, encrypting them first if the document is.
 */
export function finalizeDeflated(reference: Reference, original: (this: Reference) => void, bytes: Buffer): void {
  reference.buffer = [bytes];
  reference.compress = false;
  try {
    original.call(reference);
  } finally {
    reference.compress = true;
  }
}

/**
 * pdfkit exports no reference class; a document's `ref` makes one. It is called here on a stand-in
 * with the two fields it reads, so no document is made for it.
 */
export function referencePrototype(): object {
  const PDFDocument = pdfmakeRequire('pdfkit') as { prototype: { ref(this: object): object } };
  return Object.getPrototypeOf(PDFDocument.prototype.ref.call({ _offsets: [], _waiting: 0 })) as object;
}

export function installReferenceText(): void {
  const prototype = referencePrototype();
  applyPatch(referenceWrite, prototype);
  applyPatch(referenceFinalize, prototype);
}
