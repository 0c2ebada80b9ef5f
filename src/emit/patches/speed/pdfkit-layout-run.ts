import { GenerationCache } from '../../../infra/generation-cache.js';
import { fontkitRequire } from '../../../infra/vendor.js';
import type { Patch } from '../registry.js';
import { shapingReach, type ShapedFont } from './shaping-reach.js';

/**
 * Most of a Chinese run needs no OpenType shaping: a CJK character whose glyph no lookup of the
 * font's default features names (`shaping-reach.ts`) is its cmap glyph at its advance, and changes
 * nothing around it. Such characters are set here directly; the pieces between them (a space,
 * Latin words, digits, punctuation the font kerns) are shaped by fontkit on their own, with the
 * script fontkit would have chosen for the whole run, and kept per font (the same space or `%`
 * comes back on every line). Shaping costs fontkit time per glyph and per call, and most of a
 * document's runs are new text: this leaves it the few glyphs that can change.
 *
 * Glyphs are made in the order fontkit makes them (each character's cmap glyph first, in text
 * order): fontkit keeps one glyph object per id, and the first code point that asked for it is
 * what the PDF's ToUnicode map says it stands for.
 */
interface Glyph {
  id: number;
  advanceWidth: number;
}
interface Position {
  xAdvance: number;
  yAdvance: number;
  xOffset: number;
  yOffset: number;
  advanceWidth?: number;
}
type Font = ShapedFont & {
  glyphForCodePoint(codePoint: number): Glyph;
  layout(text: string, features?: unknown, script?: string): { glyphs: Glyph[]; positions: Position[] };
};
export interface EmbeddedFont {
  font?: Font;
  scale?: number;
}
interface Run {
  glyphs: Glyph[];
  positions: Position[];
  advanceWidth: number;
}
type LayoutRun = (this: EmbeddedFont, text: string, features?: unknown) => unknown;

/**
 * CJK characters that may skip shaping when their glyph is out of reach: CJK radicals to CJK
 * unified ideographs (less the combining tone and kana voicing marks), compatibility ideographs,
 * CJK compatibility forms, half- and full-width forms. None is a default-ignorable character or a
 * variation selector, and none is outside the Basic Multilingual Plane.
 */
const candidate = (c: number): boolean =>
  (c >= 0x2e80 && c <= 0x9fff && !(c >= 0x302a && c <= 0x302f) && c !== 0x3099 && c !== 0x309a) ||
  (c >= 0xf900 && c <= 0xfaff) ||
  (c >= 0xfe30 && c <= 0xfe4f) ||
  (c >= 0xff00 && c <= 0xffef);

/** Scripts whose runs fontkit sets with its default shaper, by Unicode script name. */
const defaultShaped: Record<string, string> = { Latin: 'latn', Han: 'hani' };
const noScript = 'zzzz';
const weak = new Set(['Common', 'Inherited', 'Unknown']);
let getScript: ((codePoint: number) => string) | undefined;
const scriptOf = (c: number): string => {
  if ((c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf)) return 'Han';
  getScript ??= (fontkitRequire('unicode-properties') as { getScript(codePoint: number): string }).getScript;
  return getScript(c);
};

/**
 * Each code point's glyph per font, as `glyphForCodePoint` gives it: fontkit searches its cmap on
 * every call, though it keeps one glyph object per id for good. Bounded by the BMP (runs with
 * surrogates are shaped whole).
 */
const cmapGlyphs = new WeakMap<object, Map<number, Glyph>>();

/** Shaped pieces per generation and font: a document has a few hundred (a space, `%`, a Latin word). */
const piecesPerGeneration = 2_000;
const shapedPieces = new WeakMap<object, GenerationCache<Run>>();

/** A piece shaped by fontkit in the run's script and scaled as pdfkit's `layoutRun` scales it, once per font and scale. */
function shapedPiece(font: Font, piece: string, script: string, scale: number): Run {
  let pieces = shapedPieces.get(font);
  if (!pieces) shapedPieces.set(font, (pieces = new GenerationCache<Run>(piecesPerGeneration)));
  const key = `${scale}\u0000${script}\u0000${piece}`;
  let run = pieces.get(key);
  if (!run) {
    const { glyphs, positions } = font.layout(piece, undefined, script);
    run = { glyphs, positions: [], advanceWidth: 0 };
    for (let i = 0; i < positions.length; i++) {
      const position = positions[i]!;
      run.positions.push({
        xAdvance: position.xAdvance * scale,
        yAdvance: position.yAdvance * scale,
        xOffset: position.xOffset * scale,
        yOffset: position.yOffset * scale,
        advanceWidth: glyphs[i]!.advanceWidth * scale,
      });
    }
    pieces.set(key, run);
  }
  return run;
}

export const layoutRun: Patch = {
  name: 'shaping only where the font can shape',
  package: 'pdfkit',
  version: '0.19.1',
  target: 'EmbeddedFont.prototype.layoutRun',
  sha256: 'a860ec491bf13a9b0262464433380a4a9fc1352626c052b05e120f556055b07b',
  kind: 'speed',
  replace: (original: LayoutRun): LayoutRun =>
    function (text, features) {
      const { font, scale } = this;
      const reach = !features && font && scale ? shapingReach(font) : undefined;
      if (!reach || !font || !scale) return original.call(this, text, features);
      let cmap = cmapGlyphs.get(font);
      if (!cmap) cmapGlyphs.set(font, (cmap = new Map()));
      const glyphs: (Glyph | undefined)[] = [];
      let script: string | undefined;
      let plain = 0;
      for (let i = 0; i < text.length; i++) {
        const c = text.charCodeAt(i);
        // Surrogates, variation selectors and the fraction slash shape across characters: such runs are shaped whole.
        if ((c >= 0xd800 && c <= 0xdfff) || (c >= 0xfe00 && c <= 0xfe0f) || c === 0x2044) return original.call(this, text, features);
        let glyph = cmap.get(c);
        if (!glyph) cmap.set(c, (glyph = font.glyphForCodePoint(c)));
        if (candidate(c) && reach.glyphs[glyph.id] === 0) {
          glyphs.push(glyph);
          plain++;
        } else glyphs.push(undefined);
        if (script === undefined) {
          const name = scriptOf(c);
          if (!weak.has(name)) {
            script = defaultShaped[name];
            if (script === undefined) return original.call(this, text, features);
          }
        }
      }
      if (plain === 0) return original.call(this, text, features);
      script ??= noScript;
      const run: Run = { glyphs: [], positions: [], advanceWidth: 0 };
      for (let i = 0; i < text.length; ) {
        const glyph = glyphs[i];
        if (glyph) {
          const advance = glyph.advanceWidth * scale;
          run.glyphs.push(glyph);
          run.positions.push({ xAdvance: advance, yAdvance: 0, xOffset: 0, yOffset: 0, advanceWidth: advance });
          run.advanceWidth += advance;
          i++;
          continue;
        }
        let end = i + 1;
        while (end < text.length && !glyphs[end]) end++;
        const piece = shapedPiece(font, text.slice(i, end), script, scale);
        // A kerning pair across the piece's end: the run is shaped whole after all.
        const last = piece.glyphs[piece.glyphs.length - 1];
        if (end < text.length && last && reach.adjusts(last.id, glyphs[end]!.id)) return original.call(this, text, features);
        for (let k = 0; k < piece.glyphs.length; k++) {
          const position = piece.positions[k]!;
          run.glyphs.push(piece.glyphs[k]!);
          run.positions.push({ ...position });
          run.advanceWidth += position.xAdvance;
        }
        i = end;
      }
      return run;
    },
};
