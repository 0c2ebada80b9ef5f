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
const ignorable = /[\n\r\t\u200b-\u200f\u2060\ufe0e\ufe0f]/u;

/**
 * Text split into runs, each character in the first face that has it (code: mono, then the CJK
 * face; text: the CJK face, then emoji), so that no font is asked for a glyph it lacks. A
 * character no face has is a run of its own.
 */
export function fontRuns(text: string, faces: readonly Face[]): FontRun[] {
  const runs: FontRun[] = [];
  // The run being gathered: its face and where it starts; its text is cut out once it ends (no string built a character at a time).
  let face = -2;
  let start = 0;
  let index = 0;
  for (const char of text) {
    const code = char.codePointAt(0)!;
    const next = ignorable.test(char) ? Math.max(face, 0) : faces.findIndex((f) => f.coverage.hasGlyphForCodePoint(code));
    if (next !== face || next < 0) {
      if (index > 0) runs.push({ text: text.slice(start, index), face, index: start });
      face = next;
      start = index;
    }
    index += char.length;
  }
  if (index > 0) runs.push({ text: text.slice(start, index), face, index: start });
  return runs;
}
