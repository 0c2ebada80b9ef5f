import { atomize, type MeasuredRun } from './atoms.js';
import { breakLines } from './break-lines.js';
import { setLine, type LineInline } from './set-lines.js';

/** A paragraph's lines, each as pieces of its runs, and which of them end short of the margin. */
export interface SetParagraph {
  lines: LineInline[][];
  /** Indexes of the lines not justified: the last, and each before a hard line break. */
  ragged: Set<number>;
}

export interface SetOptions {
  /** Spread each line but the last over the width (body text); else lines end where they end. */
  justify?: boolean;
  /** Code: each hard line keeps its leading spaces, and an empty one is an empty line. */
  code?: boolean;
}

/**
 * A paragraph set by licheng (clreq's line breaking, adjacent punctuation, justification, no lone
 * last character). Hard line breaks (`\n`) end a line without justifying it; neither is the last
 * line justified; with `justify` false no line is.
 */
export function typesetParagraph(runs: readonly MeasuredRun[], maxWidth: number, { justify = true, code = false }: SetOptions = {}): SetParagraph {
  const lines: LineInline[][] = [];
  const ragged = new Set<number>();
  for (const segment of splitHardBreaks(runs, code)) {
    if (segment.runs.length === 0) {
      // An empty line of code keeps its height, in a run of the code around it (none: empty code).
      if (code && runs.length > 0) {
        ragged.add(lines.length);
        lines.push([{ text: '', run: segment.indexes[0] ?? 0, characterSpacing: 0 }]);
      }
      continue;
    }
    const atoms = atomize(segment.runs, maxWidth);
    const spans = breakLines(atoms, maxWidth, code);
    spans.forEach((span, i) => {
      const last = i === spans.length - 1;
      if (last || !justify) ragged.add(lines.length);
      lines.push(setLine(atoms, span, maxWidth, justify && !last).map((piece) => ({ ...piece, run: segment.indexes[piece.run]! })));
    });
  }
  return { lines, ragged };
}

/**
 * The runs between hard line breaks, each run remembering its index in `runs`. An empty segment
 * keeps, as its only index, the run whose break ends it (code sets it as an empty line).
 */
function splitHardBreaks(runs: readonly MeasuredRun[], keepEmpty: boolean): { runs: MeasuredRun[]; indexes: number[] }[] {
  const segments: { runs: MeasuredRun[]; indexes: number[] }[] = [{ runs: [], indexes: [] }];
  runs.forEach((run, index) => {
    run.text.split('\n').forEach((text, i) => {
      if (i > 0) {
        const ended = segments[segments.length - 1]!;
        if (ended.runs.length === 0 && ended.indexes.length === 0) ended.indexes.push(index);
        segments.push({ runs: [], indexes: [] });
      }
      if (text === '') return;
      const segment = segments[segments.length - 1]!;
      segment.runs.push({ ...run, text });
      segment.indexes.push(index);
    });
  });
  return keepEmpty ? segments : segments.filter((s) => s.runs.length > 0 || segments.length === 1);
}
