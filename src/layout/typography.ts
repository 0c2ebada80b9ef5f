/**
 * Chinese typesetting rules that pdfmake does not know. Line breaking itself follows UAX #14
 * (pdfmake's linebreak), which already keeps closing punctuation off line starts and opening
 * brackets off line ends; see the tests forcing punctuation to the margin.
 */

const hanOrKana = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;
const latinOrDigit = /[A-Za-z0-9]/;

/**
 * The space licheng puts between Han characters and Latin letters or digits (as pangu.js does):
 * a real U+0020, so the gap survives copy/paste as the word boundary a reader expects.
 */
export function spaceHanLatin(text: string): string {
  return text
    .replace(/([\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}])([A-Za-z0-9])/gu, '$1 $2')
    .replace(/([A-Za-z0-9%])([\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}])/gu, '$1 $2');
}

/** Whether a space belongs between the end of one run and the start of the next. */
export function needsSpaceBetween(before: string, after: string): boolean {
  const last = [...before].at(-1) ?? '';
  const first = [...after][0] ?? '';
  return (hanOrKana.test(last) && latinOrDigit.test(first)) || ((latinOrDigit.test(last) || last === '%') && hanOrKana.test(first));
}

export interface Coverage {
  hasGlyphForCodePoint(codePoint: number): boolean;
}

const ignorable = /[\n\r\t\u200b-\u200f\u2060\ufe0e\ufe0f]/u;

/** Code-point offsets (in UTF-16 units) of characters the font cannot draw. */
export function missingGlyphs(text: string, font: Coverage): { index: number; char: string }[] {
  const missing: { index: number; char: string }[] = [];
  let index = 0;
  for (const char of text) {
    if (!ignorable.test(char) && !font.hasGlyphForCodePoint(char.codePointAt(0)!)) missing.push({ index, char });
    index += char.length;
  }
  return missing;
}

export const codePointLabel = (char: string): string => `U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
