import { crc32, deflateSync, type ZlibOptions } from 'node:zlib';
import { GenerationCache } from '../../../infra/generation-cache.js';
import { applyPatch, type Patch } from '../registry.js';
import { finalizeDeflated, referencePrototype, type Reference } from '../speed/pdfkit-reference-text.js';
import { fontProgram } from './pdfkit-font-deflate.js';

/**
 * Page content streams and ToUnicode maps are PDF operators as text, which deflate well at any
 * level: zlib's default spent ~1 ms of each warm three-page render on them, level 1 a third of
 * that, for ~1.5 kB more (11,683 → 13,219 bytes of streams; the PDF ~1 % larger). Font programs
 * (`pdfkit-font-deflate.ts`) and images keep their levels.
 */
type Finalize = (this: Reference) => void;

const textDeflate: ZlibOptions = { level: 1 };

/**
 * Streams deflated lately, by length and CRC-32 (their bytes compared on a hit): a document typeset
 * again (an editor's preview after each change, a batch run again) writes mostly the pages and
 * ToUnicode maps it wrote before. 16 a generation holds a few documents' pages (a page's operators
 * are ~5–40 kB); 64 held ~10 MB more per batch worker, which put workers over their 300 MB.
 */
const recent = new GenerationCache<{ text: Buffer; deflated: Buffer }>(16);

function deflateText(text: Buffer): Buffer {
  const key = `${text.length}:${crc32(text)}`;
  const known = recent.get(key);
  if (known?.text.equals(text)) return known.deflated;
  const deflated = deflateSync(text, textDeflate);
  recent.set(key, { text, deflated });
  return deflated;
}

/**
 * A stream whose dictionary is only what pdfkit writes for any stream, and which is no font program
 * (pdfkit writes those with no dictionary of their own either): a page's content or a ToUnicode map.
 */
const textStream = (reference: Reference): boolean =>
  Object.keys(reference.data).every((key) => key === 'Length' || key === 'Filter') && !reference.buffer.some(fontProgram);

export const contentDeflate: Patch = {
  name: 'content streams deflated faster',
  package: 'pdfkit',
  version: '0.19.1',
  target: 'PDFReference.prototype.finalize',
  sha256: '8af9e473a08414758afb20298825e28ce4199aa70792287284f9aac3238b35b4',
  kind: 'behaviour',
  replace: (original: Finalize): Finalize =>
    function finalize() {
      if (!this.compress || this.buffer.length === 0 || !textStream(this)) return original.call(this);
      finalizeDeflated(this, original, deflateText(Buffer.concat(this.buffer)));
    },
};

/** Inside the deflating of font programs, and before the joining of stream text (speed/pdfkit-reference-text.ts), which then hands it whole chunks. */
export const installContentDeflate = (): boolean => applyPatch(contentDeflate, referencePrototype());
