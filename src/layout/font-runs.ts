import type { Coverage } from '../infra/glyph-coverage.js';

/** A face text may be set in: its pdfmake family (none: the surrounding text's) and what it can draw. */
export interface Face {
  font?: string;
  coverage: Coverage;
}

export interface FontRun {
  text: string;
  /** Index into the faces; -1 for a character none of them has. */
  face: number;
  /** Offset of the run in the text, in UTF-16 units. */
  index: number;
}

/** Joiners, selectors and line ends: drawn by whatever face the text around them is in. */
const ignorable = (code: number): boolean =>
  code === 0x0a || code === 0x0d || code === 0x09 || (code >= 0x200b && code <= 0x200f) || code === 0x2060 || code === 0xfe0e || code === 0xfe0f;

/** The first face that has the character, or -1. */
function faceOf(code: number, faces: readonly Face[]): number {
  for (let i = 0; i < faces.length; i++) if (faces[i]!.coverage.hasGlyphForCodePoint(code)) return i;
  return -1;
}

/**
 * Text split into runs, each character in the first face that has it (code: mono, then the CJK
 * face; text: the CJK face, then emoji), so that no font is asked for a glyph it lacks. A
 * character no face has is a run of its own. Characters are read as code points, and a run is cut
 * out of the text once it ends: a paragraph makes no string per character.
 */
export function fontRuns(text: string, faces: readonly Face[]): FontRun[] {
  const runs: FontRun[] = [];
  // The run being gathered: its face and where it starts.
  let face = -2;
  let start = 0;
  let index = 0;
  while (index < text.length) {
    const code = text.codePointAt(index)!;
    const next = ignorable(code) ? Math.max(face, 0) : faceOf(code, faces);
    if (next !== face || next < 0) {
      if (index > 0) runs.push({ text: text.slice(start, index), face, index: start });
      face = next;
      start = index;
    }
    index += code > 0xffff ? 2 : 1;
  }
  if (index > 0) runs.push({ text: text.slice(start, index), face, index: start });
  return runs;
}
