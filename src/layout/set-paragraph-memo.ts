import { GenerationCache } from '../infra/generation-cache.js';
import { charAdvance, wordAdvance, type GlyphFont } from '../typeset/metrics.js';
import { typesetParagraph, type SetOptions, type SetParagraph } from '../typeset/paragraph.js';

/** A run of one look as setting it needs: its text, the face it is set in and its size. */
export interface FaceRun {
  text: string;
  font: GlyphFont;
  size: number;
}

/**
 * Paragraphs set before, by what their lines depend on alone: runs' texts, faces and sizes, the
 * width and the options. An editor's preview and the fitting of a document's images set the very
 * same paragraphs again; a batch meets its headers, labels and headings again. ~300 set paragraphs
 * make a 3-page document: two generations of 1,000 hold a few documents (a few MB).
 */
const memo = new GenerationCache<SetParagraph>(1_000);
const faceIds = new WeakMap<GlyphFont, number>();
let faces = 0;

function faceId(font: GlyphFont): number {
  let id = faceIds.get(font);
  if (id === undefined) faceIds.set(font, (id = faces++));
  return id;
}

/**
 * `typesetParagraph` of these runs, set once per process while in use. The result is shared:
 * callers read its lines and never change them.
 */
export function setRuns(runs: readonly FaceRun[], width: number, options: SetOptions): SetParagraph {
  let key = `${width}\u0001${(options.justify ?? true) ? 1 : 0}${options.code ? 1 : 0}`;
  // Each text with its length: a text holding the separators cannot pass for several runs.
  for (const run of runs) key += `\u0000${faceId(run.font)}\u0001${run.size}\u0001${run.text.length}\u0001${run.text}`;
  let set = memo.get(key);
  if (!set) {
    set = typesetParagraph(
      runs.map(({ text, font, size }) => ({ text, size, charWidth: (char) => charAdvance(font, char), wordWidth: (word) => wordAdvance(font, word) })),
      width,
      options,
    );
    memo.set(key, set);
  }
  return set;
}
