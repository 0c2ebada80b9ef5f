/**
 * Character classes for breaking and spacing Chinese lines, after W3C clreq (Requirements for
 * Chinese Text Layout) for Traditional Chinese: in Taiwan's fonts 。，、 sit in the middle of their
 * box, closing brackets in its left half and opening brackets in its right half.
 */

const closingBrackets = '」』）》〉】〕〗〙〛｝］｠';
const openingBrackets = '「『（《〈【〔〖〘〚｛［｟';
const centred = '。，、；：？！';
/** May not start a line (closing punctuation, iteration marks, small kana). */
const noStart = new Set([...closingBrackets, ...centred, ...'.,;:?!)]}%’”・‧ー々〻ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ']);
/** May not end a line. */
const noEnd = new Set([...openingBrackets, ...'([{‘“']);
/** Two of these in a row are one mark (…… ——) and stay on one line. */
const doubled = new Set([...'…—']);
const closing = new Set(closingBrackets);
const opening = new Set(openingBrackets);
const punctuation = new Set([...closingBrackets, ...openingBrackets, ...centred]);

const cjkPattern = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Bopomofo}\u3000-\u303f\uff00-\uffef\u2e80-\u2eff\u2014\u2026]/u;

/** Below this no character is CJK (Bopomofo's tone marks U+02EA–02EB are the first): Latin text skips the pattern. */
const firstCjk = 0x02ea;

/** Ideographs, kana, CJK punctuation and full-width forms: one character is one unit of a line. */
export const isCjk = (char: string): boolean => char.charCodeAt(0) >= firstCjk && cjkPattern.test(char);
export const isSpace = (char: string): boolean => char === ' ' || char === '\t';

/** Whether a line may end between `before` and `after` (kinsoku, and …… —— kept whole). */
export function mayBreakBetween(before: string, after: string): boolean {
  if (noStart.has(after) || noEnd.has(before)) return false;
  return !(doubled.has(before) && before === after);
}

/**
 * Adjacent punctuation is set in half widths: a closing bracket before other punctuation loses the
 * empty right half of its box (`」。` `），`), and so does any punctuation before an opening bracket
 * (`。「`: the bracket's empty left half goes). Returns the share of an em `before` gives up.
 */
export function compression(before: string, after: string): number {
  if (closing.has(before) && punctuation.has(after)) return 0.5;
  if (punctuation.has(before) && opening.has(after)) return 0.5;
  return 0;
}

/**
 * Points inside a Latin word where a line may break when the word must: after / . - ? & = _ # of
 * a URL or path, not before the first character.
 */
export const softBreakAfter = new Set([...'/.-?&=_#']);
