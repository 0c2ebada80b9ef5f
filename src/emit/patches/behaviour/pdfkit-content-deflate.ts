import { deflateSync, type ZlibOptions } from 'node:zlib';
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
      finalizeDeflated(this, original, deflateSync(Buffer.concat(this.buffer), textDeflate));
    },
};

/** Inside the deflating of font programs, and before the joining of stream text (speed/pdfkit-reference-text.ts), which then hands it whole chunks. */
export const installContentDeflate = (): boolean => applyPatch(contentDeflate, referencePrototype());
