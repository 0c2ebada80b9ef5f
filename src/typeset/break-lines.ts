import type { Atom } from './atoms.js';

/** A line: atoms `[start, end)` without the spaces at either end, and its natural width. */
export interface LineSpan {
  start: number;
  end: number;
  width: number;
}

/**
 * Where the lines of a paragraph break. Greedy, first fit: a Chinese line has a break opportunity
 * at nearly every character, so filling each line as far as it goes leaves at most one character's
 * width to spread, and a total-fit pass (Knuth–Plass) would choose the same breaks at several times
 * the cost. What greedy gets wrong is the paragraph's end: a last line of one Han character (and
 * its punctuation) takes the break before it one opportunity back (clreq: no lone character).
 * With `keepIndent` the spaces a paragraph starts with are kept (code).
 */
export function breakLines(atoms: readonly Atom[], maxWidth: number, keepIndent = false): LineSpan[] {
  const starts: number[] = [];
  // Code keeps the spaces that indent its line; a line it wraps starts at the next word.
  let start = keepIndent ? 0 : skipSpaces(atoms, 0);
  while (start < atoms.length) {
    starts.push(start);
    start = skipSpaces(atoms, nextBreak(atoms, start, maxWidth));
  }
  if (starts.length >= 2 && isLone(atoms, starts[starts.length - 1]!)) pullDown(atoms, starts, maxWidth);
  return starts.map((s, i) => span(atoms, s, i + 1 < starts.length ? starts[i + 1]! : atoms.length));
}

/** Where the line that starts at `start` ends: the last opportunity that fits, else inside a word, else against kinsoku, else after one atom. */
function nextBreak(atoms: readonly Atom[], start: number, maxWidth: number): number {
  let width = 0;
  let opportunity = -1;
  let lastResort = -1;
  let kinsoku = -1;
  for (let i = start; i < atoms.length; i++) {
    const atom = atoms[i]!;
    if (i > start) {
      if (atom.breakBefore === 'yes') opportunity = i;
      else if (atom.breakBefore === 'last-resort') lastResort = i;
      else if (atom.breakBefore === 'kinsoku') kinsoku = i;
      width += atom.kernBefore - atom.squeezeBefore;
    }
    width += atom.width;
    if (atom.kind !== 'space' && width > maxWidth + 1e-6 && i > start) {
      if (opportunity > start && !(lastResort > opportunity && tooLoose(atoms, start, opportunity, maxWidth))) return opportunity;
      if (lastResort > start) return lastResort;
      return kinsoku > start ? kinsoku : i;
    }
  }
  return atoms.length;
}

/**
 * Gaps wider than this share of an em on a justified line read as holes: rather than leave them
 * because a long word or URL follows that does not fit, the line breaks inside that word.
 */
const loosest = 0.5;

function tooLoose(atoms: readonly Atom[], start: number, end: number, maxWidth: number): boolean {
  const line = span(atoms, start, end);
  let gaps = 0;
  for (let i = line.start + 1; i < line.end; i++) if (atoms[i]!.stretchBefore) gaps++;
  return maxWidth - line.width > loosest * atoms[start]!.em * Math.max(gaps, 1);
}

function skipSpaces(atoms: readonly Atom[], from: number): number {
  while (from < atoms.length && atoms[from]!.kind === 'space') from++;
  return from;
}

/** Atoms `[start, end)` without trailing spaces, with their width (squeezes inside the line applied). */
export function span(atoms: readonly Atom[], start: number, end: number): LineSpan {
  while (end > start && atoms[end - 1]!.kind === 'space') end--;
  let width = 0;
  for (let i = start; i < end; i++) width += atoms[i]!.width + (i > start ? atoms[i]!.kernBefore - atoms[i]!.squeezeBefore : 0);
  return { start, end, width };
}

/** A last line of a single Han character, perhaps followed by closing punctuation. */
function isLone(atoms: readonly Atom[], start: number): boolean {
  const rest = span(atoms, start, atoms.length);
  const first = atoms[rest.start]!;
  if (first.kind !== 'cjk' || !/\p{Script=Han}/u.test(first.text)) return false;
  for (let i = rest.start + 1; i < rest.end; i++) if (atoms[i]!.breakBefore !== 'kinsoku' || atoms[i]!.kind !== 'cjk') return false;
  return true;
}

/** Moves the last line's start back to the previous opportunity whose rest still fits on one line. */
function pullDown(atoms: readonly Atom[], starts: number[], maxWidth: number): void {
  const last = starts.length - 1;
  const previous = starts[last - 1]!;
  for (let at = starts[last]! - 1; at > previous + 1; at--) {
    if (atoms[at]!.breakBefore !== 'yes') continue;
    if (span(atoms, at, atoms.length).width <= maxWidth) starts[last] = at;
    return;
  }
}
