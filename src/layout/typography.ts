/**
 * Chinese typesetting rules that pdfmake does not know. Line breaking follows UAX #14 (pdfmake's
 * linebreak), which keeps closing punctuation off line starts and opening brackets off line ends,
 * except where a word wider than the line is cut: that cut is licheng's (the kinsoku cut patched into
 * pdfmake, src/emit/). See the tests forcing punctuation to the margin.
 */

const han = '\\p{Script=Han}\\p{Script=Hiragana}\\p{Script=Katakana}';
const hanThenLatin = new RegExp(`([${han}])([A-Za-z0-9])`, 'gu');
const latinThenHan = new RegExp(`([A-Za-z0-9%])([${han}])`, 'gu');
const endsHan = new RegExp(`[${han}]$`, 'u');
const startsHan = new RegExp(`^[${han}]`, 'u');
/** CJK characters and punctuation: a line break between two of them is no space. */
const cjk = new RegExp(`[${han}\\u3000-\\u303f\\uff00-\\uffef]`, 'u');

/**
 * The space licheng puts between Han characters and Latin letters or digits (as pangu.js does):
 * a real U+0020, so the gap survives copy/paste as the word boundary a reader expects.
 */
export function spaceHanLatin(text: string): string {
  return text.replace(hanThenLatin, '$1 $2').replace(latinThenHan, '$1 $2');
}

/** Whether a space belongs between the end of one run and the start of the next. */
export function needsSpaceBetween(before: string, after: string): boolean {
  // Only the characters at the seam matter; two UTF-16 units hold one even outside the BMP.
  const last = before.slice(-2);
  const first = after.slice(0, 2);
  return (endsHan.test(last) && /^[A-Za-z0-9]/.test(first)) || (/[A-Za-z0-9%]$/.test(last) && startsHan.test(first));
}

/** A soft line break inside a paragraph: nothing between CJK characters, a space between words. */
export function joinLines(value: string): string {
  return value.replace(
    /([^\n]?)[ \t]*\n[ \t]*([^\n]?)/gu,
    (_, a: string, b: string) => a + (a === '' || b === '' || cjk.test(a) || cjk.test(b) ? '' : ' ') + b,
  );
}
