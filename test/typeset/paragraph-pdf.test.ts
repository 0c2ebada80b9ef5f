import { describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { build } from '../../src/build.js';
import { loadFont } from '../../src/infra/fonts.js';
import { bundledFonts, textWidth, themes } from '../../src/layout/theme.js';
import { wordAdvance, type GlyphFont } from '../../src/typeset/metrics.js';
import { courseMarkdown, makePortfolio, sections } from '../helpers/portfolio.js';
import { bodyLines, lineText, placedText, type PlacedText } from './positions.js';

/** Paragraphs as licheng sets them, read back from the PDF: where each piece of text stands. */
const size = themes.sans.fontSize;
const left = themes.sans.pageMargins[0];
const right = left + textWidth(themes.sans);
const font = loadFont(bundledFonts.sans.regular) as unknown as GlyphFont;

async function setInPdf(body: string, frontMatter: Record<string, string> = {}): Promise<PlacedText[]> {
  const root = await makePortfolio({ 'courses/doc.md': courseMarkdown(sections.replace('說明文字。', body), frontMatter) });
  const result = await build([root]);
  expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return placedText(await readFile(join(root, 'out', 'courses', 'doc.pdf')));
}

const hanOnly = (text: string) => /^[\p{Script=Han}]+$/u.test(text);
/**
 * The gaps between neighbouring Han characters of a line: inside a piece its character spacing
 * (every Han character is one em wide), between pieces the room left after the first.
 */
function hanGaps(line: readonly PlacedText[]): number[] {
  const gaps: number[] = [];
  const pieces = line.filter((p) => p.text.trim() !== '');
  pieces.forEach((piece, i) => {
    const chars = [...piece.text.replace(/ /g, '')];
    if (hanOnly(chars.join('')) && chars.length > 1) for (let k = 1; k < chars.length; k++) gaps.push((piece.width - chars.length * size) / (chars.length - 1));
    const next = pieces[i + 1];
    if (next && /\p{Script=Han}$/u.test(piece.text) && /^\p{Script=Han}/u.test(next.text)) gaps.push(next.x - (piece.x + piece.width));
  });
  return gaps;
}

const filler = '學習歷程檔案讓老師看見我們在課堂之外的努力與成長並且記錄每一次實驗的過程';

describe('paragraphs set by licheng, read back from the PDF', () => {
  it('sets 」 before 。 and ） before ， in half an em', async () => {
    const items = await setInPdf('老師說「好」。我們試了兩次（失敗），才成功。');
    const line = bodyLines(items).find((l) => lineText(l).startsWith('老師說'))!;
    const at = (char: string) => line.find((p) => p.text.startsWith(char))!;
    expect(at('。').x - at('」').x).toBeCloseTo(size / 2, 1);
    expect(at('，').x - at('）').x).toBeCloseTo(size / 2, 1);
  });

  it('never ends a paragraph with one Han character alone on its line, over 40 lengths', async () => {
    const paragraphs = Array.from({ length: 40 }, (_, i) => `第${i}段${filler.repeat(3).slice(0, 40 + i)}。`);
    const items = await setInPdf(paragraphs.join('\n\n'));
    const lines = bodyLines(items).map(lineText);
    // The sweep does reach the margin: without the rule some of these end on one character.
    expect(lines.filter((l) => /^第\d+段/.test(l)).length).toBe(40);
    expect(lines.filter((l) => /^\p{Script=Han}[。」）]*$/u.test(l))).toEqual([]);
  });

  it('spreads a justified line evenly over its Han gaps when a URL follows, and never spaces out the URL', async () => {
    const url = 'https://www.example.com/projects/soil-moisture/calibration/index.html?sensor=capacitive&unit=percent';
    const items = await setInPdf(`我們用感測器量測土壤濕度並且把每一次的讀值記錄下來整理成表格再參考網站 ${url} 的說明完成校正。${filler}`);
    const lines = bodyLines(items).filter((l) => lineText(l).includes('感測器') || l.some((p) => /example|calibration|sensor/.test(p.text)));
    expect(lines.length).toBeGreaterThanOrEqual(2);
    const first = lines[0]!;
    const gaps = hanGaps(first);
    expect(gaps.length).toBeGreaterThan(20);
    expect(Math.max(...gaps) - Math.min(...gaps)).toBeLessThan(0.1);
    // Justified: the line ends at the margin, and no gap is a hole.
    const last = first.at(-1)!;
    expect(last.x + last.width).toBeCloseTo(right, 0);
    expect(Math.max(...gaps)).toBeLessThan(size / 2);
    // The URL's pieces are as wide as the font sets them: no letter-spacing inside.
    for (const piece of lines.flat().filter((p) => /^[a-z:/.?&=_-]+$/i.test(p.text) && p.text.length > 3)) {
      expect(piece.width, piece.text).toBeCloseTo(wordAdvance(font, piece.text) * size, 1);
    }
  });

  it('keeps closing punctuation off line starts and opening brackets off line ends at the margin', async () => {
    const paragraphs = Array.from({ length: 30 }, (_, i) => `${filler.slice(0, i + 10)}「${filler.slice(0, 30)}」，${filler}（註）。`);
    const lines = bodyLines(await setInPdf(paragraphs.join('\n\n'))).map(lineText);
    expect(lines.filter((l) => /^[。，、；：？！」』）》]/u.test(l))).toEqual([]);
    expect(lines.filter((l) => /[「『（《]$/u.test(l))).toEqual([]);
  });

  it('leaves at least two lines of a paragraph on either side of a page break', async () => {
    const marked = '甲'.repeat(46 * 8 + 20) + '。';
    let straddled = 0;
    for (let fillerLines = 38; fillerLines <= 52; fillerLines += 1) {
      const before = Array.from({ length: fillerLines }, () => `${filler}${filler.slice(0, 10)}`).join('\n\n');
      const lines = bodyLines(await setInPdf(`${before}\n\n${marked}`)).filter((l) => lineText(l).includes('甲'));
      const pages = new Map<number, number>();
      for (const line of lines) pages.set(line[0]!.page, (pages.get(line[0]!.page) ?? 0) + 1);
      if (pages.size > 1) straddled++;
      for (const [page, count] of pages) expect(count, `${fillerLines} filler paragraphs, page ${page}`).toBeGreaterThanOrEqual(2);
    }
    expect(straddled).toBeGreaterThan(3);
  }, 60_000);

  it('spaces Han and Latin in the running header as in the body', async () => {
    const items = await setInPdf('內容。', { 成果名稱: '以ESP32與超音波感測器量測水位' });
    const header = items
      .filter((p) => p.size < 9 && p.page === 1)
      .map((p) => p.text)
      .join('');
    expect(header).toContain('以 ESP32 與超音波');
  });
});
