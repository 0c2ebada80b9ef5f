import type { Atom } from './atoms.js';
import type { LineSpan } from './break-lines.js';

/** A piece of a line for pdfmake: text in one look, followed by `characterSpacing` after each character. */
export interface LineInline {
  text: string;
  run: number;
  characterSpacing: number;
}

/**
 * A line as pieces pdfmake places one after another, as they are. Justification spreads the spare
 * width evenly over the gaps next to CJK characters and over word spaces (the gap before a space),
 * never inside a Latin word or URL; adjacent punctuation gives up half its width. Both become the
 * PDF's character spacing, which follows each character of a piece.
 */
export function setLine(atoms: readonly Atom[], line: LineSpan, maxWidth: number, justify: boolean): LineInline[] {
  let gaps = 0;
  for (let i = line.start + 1; i < line.end; i++) if (atoms[i]!.stretchBefore) gaps++;
  const spare = maxWidth - line.width;
  const stretch = justify && gaps > 0 && spare > 0 ? spare / gaps : 0;
  const pieces: LineInline[] = [];
  const add = (text: string, run: number, after: number) => {
    const last = pieces[pieces.length - 1];
    if (last && last.run === run && Math.abs(last.characterSpacing - after) < 1e-9) last.text += text;
    else pieces.push({ text, run, characterSpacing: after });
  };
  // The stretch of the gap between a word and the space after it goes to the space: a word is measured whole, kerning and all.
  let carried = 0;
  for (let i = line.start; i < line.end; i++) {
    const atom = atoms[i]!;
    const next = i + 1 < line.end ? atoms[i + 1]! : undefined;
    let after = (next ? (next.stretchBefore ? stretch : 0) - next.squeezeBefore : 0) + carried;
    carried = 0;
    if (atom.kind === 'latin' && next?.kind === 'space') [carried, after] = [after, 0];
    if (after === 0 || atom.kind !== 'latin') {
      add(atom.text, atom.run, after);
      continue;
    }
    // Only the gap after a word's last character widens.
    const chars = [...atom.text];
    const tail = chars.pop()!;
    if (chars.length) add(chars.join(''), atom.run, 0);
    add(tail, atom.run, after);
  }
  return pieces;
}
