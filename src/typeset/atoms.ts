import { compression, isCjk, isSpace, mayBreakBetween, softBreakAfter } from './characters.js';

/**
 * A paragraph as the units a line is made of: one CJK character, a Latin word (or, in a long word
 * or URL, the piece up to a point it may break at), or a space. Widths in points.
 */
export interface Atom {
  text: string;
  /** Index of the run (one look: font, size, colour, link) the atom belongs to. */
  run: number;
  width: number;
  /** The size of the atom's font: what a gap is judged against. */
  em: number;
  kind: 'cjk' | 'latin' | 'space';
  /**
   * Whether a line may end just before this atom: 'yes'; inside a word only when the word is wider
   * than a line ('last-resort'); against kinsoku only when nothing else fits ('kinsoku').
   */
  breakBefore: 'yes' | 'last-resort' | 'kinsoku' | 'no';
  /** Whether the gap before this atom takes a share of a justified line's spare width. */
  stretchBefore: boolean;
  /** Points the previous atom gives up when this one follows it on the line (adjacent punctuation). */
  squeezeBefore: number;
  /** Points the font's kerning adds between a Latin atom and this one when they share a line (pdfkit sets them as one text). */
  kernBefore: number;
}

export interface MeasuredRun {
  text: string;
  /** Points per em of this run's font, and an advance (in ems) for a single character or a word. */
  size: number;
  charWidth(char: string): number;
  wordWidth(word: string): number;
}

/** Latin words at least this long may break at / . - and the like (URLs, paths, identifiers). */
const longWord = 12;

/**
 * Cuts `runs` into atoms; long words, and words wider than a line of `maxWidth`, into characters,
 * between which a line breaks only as a last resort.
 */
export function atomize(runs: readonly MeasuredRun[], maxWidth = Infinity): Atom[] {
  const atoms: Atom[] = [];
  const push = (text: string, run: number, width: number, kind: Atom['kind'], inWord: 'piece' | 'char' | false) => {
    const previous = atoms[atoms.length - 1];
    const atom: Atom = { text, run, width, em: runs[run]!.size, kind, breakBefore: 'no', stretchBefore: false, squeezeBefore: 0, kernBefore: 0 };
    if (previous) {
      const before = lastChar(previous.text);
      const after = text[0] === undefined ? '' : String.fromCodePoint(text.codePointAt(0)!);
      if (kind === 'space') atom.stretchBefore = previous.kind !== 'space';
      else if (previous.kind === 'space') atom.breakBefore = 'yes';
      else if (kind === 'cjk' || previous.kind === 'cjk') {
        atom.stretchBefore = true;
        atom.breakBefore = mayBreakBetween(before, after) ? 'yes' : 'kinsoku';
        if (kind === 'cjk' && previous.kind === 'cjk') atom.squeezeBefore = compression(before, after) * runs[previous.run]!.size;
      } else {
        atom.breakBefore = inWord === 'piece' ? 'yes' : 'last-resort';
        if (kind === 'latin' && previous.kind === 'latin' && previous.run === run) {
          const measured = runs[run]!;
          atom.kernBefore = (measured.wordWidth(before + after) - measured.charWidth(before) - measured.charWidth(after)) * measured.size;
        }
      }
    }
    atoms.push(atom);
  };
  runs.forEach((run, index) => {
    for (const token of tokens(run.text)) {
      if (isSpace(token[0]!)) push(' ', index, run.wordWidth(' ') * run.size, 'space', false);
      else if (isCjk(token)) push(token, index, run.charWidth(token) * run.size, 'cjk', false);
      else {
        const width = token.length < longWord ? run.wordWidth(token) * run.size : Infinity;
        if (width <= maxWidth) push(token, index, width, 'latin', false);
        else
          splitAfter(token).forEach((piece, p) => {
            // A long piece may still have to break inside: after 「 or before 」 where no opportunity is left.
            [...piece].forEach((char, c) => push(char, index, run.charWidth(char) * run.size, 'latin', c === 0 && p > 0 ? 'piece' : c > 0 ? 'char' : false));
          });
      }
    }
  });
  return atoms;
}

/** Spaces, single CJK characters and Latin words, in order. */
function tokens(text: string): string[] {
  const found: string[] = [];
  let word = '';
  for (const char of text) {
    if (isSpace(char) || isCjk(char)) {
      if (word) found.push(word);
      word = '';
      found.push(char);
    } else word += char;
  }
  if (word) found.push(word);
  return found;
}

/** A long word cut after each point it may break at (never leaving an empty piece). */
function splitAfter(word: string): string[] {
  const pieces: string[] = [];
  let piece = '';
  for (const char of word) {
    piece += char;
    if (softBreakAfter.has(char) && piece.length > 1) {
      pieces.push(piece);
      piece = '';
    }
  }
  if (piece) pieces.push(piece);
  return pieces;
}

const lastChar = (text: string): string => {
  const code = text.codePointAt(text.length - 1)!;
  return code >= 0xdc00 && code <= 0xdfff && text.length > 1 ? text.slice(-2) : text.slice(-1);
};
