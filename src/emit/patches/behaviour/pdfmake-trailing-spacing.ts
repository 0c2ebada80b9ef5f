import { pdfmakeRequire } from '../../../infra/vendor.js';
import { applyPatch, type Patch } from '../registry.js';

/**
 * The PDF's character spacing (Tc) follows every character of a text, the last one too, but
 * pdfmake counts it only between characters: a piece set with spacing ended one spacing short,
 * and the next piece started inside the gap. licheng sets its own lines (src/typeset/) with the
 * spacing of each piece meant to follow all its characters: justification and the halved width of
 * adjacent punctuation. pdfmake never sets character spacing itself, so only those pieces change.
 */
interface Inline {
  characterSpacing?: number;
  [key: string]: unknown;
}
type WidthOfText = (this: unknown, text: string, inline: Inline) => number;

export const trailingSpacing: Patch = {
  name: 'character spacing after the last character',
  package: 'pdfmake',
  version: '0.3.11',
  target: 'TextInlines.prototype.widthOfText',
  sha256: 'e285c68b15baf512e9640cc027bdca49d01f23d54fd749be406881a9ebdc5e2c',
  kind: 'behaviour',
  replace: (original: WidthOfText): WidthOfText =>
    function widthOfText(text, inline) {
      return original.call(this, text, inline) + (inline.characterSpacing || 0);
    },
};

export const installTrailingSpacing = (): boolean =>
  applyPatch(trailingSpacing, (pdfmakeRequire('./TextInlines.js') as { default: { prototype: object } }).default.prototype);
