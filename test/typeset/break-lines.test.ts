import { describe, expect, it } from 'vitest';
import { loadFont } from '../../src/infra/fonts.js';
import { bundledFonts, textWidth, themes } from '../../src/layout/theme.js';
import { charAdvance, wordAdvance, type GlyphFont } from '../../src/typeset/metrics.js';
import { typesetParagraph } from '../../src/typeset/paragraph.js';
import type { LineInline } from '../../src/typeset/set-lines.js';

/** The breaker on plain strings, measured in the body face at the body size, as documents are. */
const font = loadFont(bundledFonts.sans.regular) as unknown as GlyphFont;
const size = themes.sans.fontSize;
const width = textWidth(themes.sans);
const run = (text: string) => ({ text, size, charWidth: (c: string) => charAdvance(font, c), wordWidth: (w: string) => wordAdvance(font, w) });
const lines = (text: string, at = width): string[] => typesetParagraph([run(text)], at).lines.map((line) => line.map((p) => p.text).join(''));
const pieces = (text: string, at = width): LineInline[][] => typesetParagraph([run(text)], at).lines;
/** How wide a line is set: its characters' advances plus the spacing after each but the last. */
const setWidth = (line: LineInline[]): number => {
  let sum = 0;
  for (const piece of line) {
    for (const token of piece.text.match(/[\p{Script=Han}\u3000-\u303f\uff00-\uffef]|[^\p{Script=Han}\u3000-\u303f\uff00-\uffef ]+| /gu)!)
      sum += wordAdvance(font, token) * size;
    sum += piece.characterSpacing * [...piece.text].length;
  }
  return sum - line.at(-1)!.characterSpacing;
};

const han = '學習歷程檔案讓老師看見我們在課堂之外的努力與成長並且記錄每一次實驗的過程';
const noStart = [...'。，、；：？！」』）》'];
const noEnd = [...'「『（《'];

describe('breaking Chinese lines (plain strings)', () => {
  it('never leaves a paragraph with one Han character alone on its last line, over 40 lengths', () => {
    for (let length = 20; length < 140; length += 3) {
      const text = han.repeat(4).slice(0, length) + '。';
      const set = lines(text, 200);
      expect(set.length, text).toBeGreaterThan(1);
      expect(set.at(-1)!, `length ${length}`).not.toMatch(/^\p{Script=Han}[。」）]*$/u);
      expect(set.join('')).toBe(text);
    }
  });

  it('keeps closing punctuation off line starts and opening brackets off line ends, wherever the margin falls', () => {
    const text = '他說：「我們做完了。」老師問（為什麼）？我答《報告》、『附錄』，好！'.repeat(6);
    for (let at = 120; at <= 300; at += 7) {
      const set = lines(text, at);
      expect(
        set.filter((l) => noStart.includes([...l][0]!)),
        `width ${at}`,
      ).toEqual([]);
      expect(
        set.filter((l) => noEnd.includes([...l].at(-1)!)),
        `width ${at}`,
      ).toEqual([]);
    }
  });

  it('sets adjacent punctuation in half widths: 」。 and ）， take one and a half ems', () => {
    const [line] = pieces('好」。是）。');
    const closing = line!.find((p) => p.text.endsWith('」'))!;
    expect(closing.characterSpacing).toBeCloseTo(-size / 2, 6);
    const paren = line!.find((p) => p.text.endsWith('）'))!;
    expect(paren.characterSpacing).toBeCloseTo(-size / 2, 6);
    expect(setWidth(line!)).toBeCloseTo(6 * size - size, 6);
  });

  it('fills every line but the last to the margin, spreading space over Han gaps and word spaces only', () => {
    const text = `我們用 Python 寫了一個小程式，讀取 ESP32 的感測器數值並存到 microSD 卡。${han}${han}`;
    const set = pieces(text);
    expect(set.length).toBeGreaterThan(2);
    for (const line of set.slice(0, -1)) {
      expect(setWidth(line)).toBeCloseTo(width, 3);
      // Inside a Latin word no character is spaced out: only its last one may carry the line's spacing.
      for (const piece of line) if (/[A-Za-z]{2}/.test(piece.text)) expect(piece.characterSpacing, piece.text).toBe(0);
    }
    expect(set.at(-1)!.every((p) => p.characterSpacing === 0)).toBe(true);
  });

  it('breaks a URL too long for the rest of a line after / . - ? & = rather than leaving holes in the line above', () => {
    const url = 'https://www.example.com/a/very/long/path/to/the/sensor-calibration/index.html?query=moisture&unit=percent';
    const set = lines(`參考資料：${url} 以及老師提供的講義。${han}`);
    const joined = set.join('\n');
    expect(joined.replace(/\n/g, '')).toContain(url);
    for (const [i, line] of set.entries()) {
      if (i === set.length - 1 || !/[a-z/]$/.test(line)) continue;
      // A break inside the URL comes after one of the points a URL may break at.
      if (set[i + 1]![0]!.match(/[a-z]/)) expect(line.at(-1), line).toMatch(/[/.\-?&=_#]/);
    }
    for (const line of pieces(`參考資料：${url} 以及老師提供的講義。${han}`).slice(0, -1)) {
      for (const piece of line) expect(piece.characterSpacing, piece.text).toBeLessThan(size / 2);
    }
  });

  it('breaks a word wider than the line between letters, and a run of opening brackets on full lines', () => {
    const word = 'x'.repeat(400);
    const set = lines(word);
    expect(set.join('')).toBe(word);
    for (const line of set.slice(0, -1)) expect(line.length).toBeGreaterThan(60);
    const brackets = lines('「'.repeat(300));
    // Full lines: consecutive opening brackets are set in half widths, so a line holds about twice as many.
    for (const line of brackets.slice(0, -1)) expect([...line].length).toBeGreaterThan(width / size);
  });

  it('ends a line at a hard break without justifying it', () => {
    const set = pieces(`短的一行\n${han}`);
    expect(set[0]!.map((p) => p.text).join('')).toBe('短的一行');
    expect(set[0]!.every((p) => p.characterSpacing === 0)).toBe(true);
  });
});
