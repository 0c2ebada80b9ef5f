import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { build } from '../src/build.js';
import { spaceHanLatin } from '../src/layout/typography.js';
import { parsePdf } from './helpers/pdf.js';
import { courseMarkdown, makePortfolio } from './helpers/portfolio.js';

const noLineStart = [...'。，、；：？！」』）》'];
const noLineEnd = [...'「『（《'];
const closing: Record<string, string> = { '「': '」', '『': '』', '（': '）', '《': '》' };

/** Paragraphs whose punctuation falls at every position around the right margin (~46 characters a line). */
function forcingParagraphs(): string {
  const paragraphs: string[] = [];
  for (let n = 40; n <= 50; n++) {
    const lead = '測'.repeat(n);
    for (const p of noLineStart) paragraphs.push(`${lead}${p}後文後文後文。`, `${lead.slice(2)}**重點**${p}後文後文。`);
    for (const p of noLineEnd) paragraphs.push(`${lead}${p}引文${closing[p]}後文後文。`);
  }
  return paragraphs.join('\n\n');
}

describe('Chinese line breaking', () => {
  it('never starts a line with closing punctuation nor ends one with an opening bracket', async () => {
    const body = `## 課程說明\n\n${forcingParagraphs()}\n\n## 學習過程\n\n過程。\n\n## 心得與反思\n\n心得。\n`;
    const root = await makePortfolio({ 'courses/breaks.md': courseMarkdown(body) });
    const result = await build([root]);
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const pdf = await parsePdf(await readFile(join(root, 'out', 'courses', 'breaks.pdf')));
    const lines = pdf.lines.flat().map((l) => l.text);
    const bodyLines = lines.filter((l) => l.includes('測') || l.includes('後文') || l.includes('引文'));
    expect(bodyLines.length).toBeGreaterThan(300);
    // The margin really was reached: some line ends exactly before where punctuation would have gone.
    expect(bodyLines.some((l) => /測[。，、；：？！」』）》]$/.test(l))).toBe(true);
    const badStarts = bodyLines.filter((l) => noLineStart.includes([...l][0]!));
    const badEnds = bodyLines.filter((l) => noLineEnd.includes([...l].at(-1)!));
    expect(badStarts).toEqual([]);
    expect(badEnds).toEqual([]);
  });

  it('keeps the rule when a word longer than the line (a URL, an identifier) has to be cut', async () => {
    const paragraphs: string[] = [];
    for (let n = 60; n <= 120; n++) paragraphs.push(`前文${'a'.repeat(n)}。後文`, `前文「${'b'.repeat(n)}」後文`);
    const body = `## 課程說明\n\n${paragraphs.join('\n\n')}\n\n## 學習過程\n\n過程。\n\n## 心得與反思\n\n心得。\n`;
    const root = await makePortfolio({ 'courses/long-words.md': courseMarkdown(body) });
    await build([root]);
    const pdf = await parsePdf(await readFile(join(root, 'out', 'courses', 'long-words.pdf')));
    const lines = pdf.lines
      .flat()
      .map((l) => l.text)
      .filter((l) => /[ab]{10}|前文|後文/.test(l));
    // Words really were cut: some lines end inside one.
    expect(lines.some((l) => /[ab]{10}$/.test(l))).toBe(true);
    expect(lines.filter((l) => noLineStart.includes([...l][0]!))).toEqual([]);
    expect(lines.filter((l) => noLineEnd.includes([...l].at(-1)!))).toEqual([]);
  });
});

describe('Han–Latin spacing', () => {
  it('puts a space between Han characters and Latin letters or digits, both ways', () => {
    expect(spaceHanLatin('用Python寫程式')).toBe('用 Python 寫程式');
    expect(spaceHanLatin('共3人，花了800元')).toBe('共 3 人，花了 800 元');
    expect(spaceHanLatin('濕度45%以上')).toBe('濕度 45% 以上');
  });

  it('leaves punctuation, existing spaces and pure Latin alone', () => {
    expect(spaceHanLatin('（Arduino）與 C 語言')).toBe('（Arduino）與 C 語言');
    expect(spaceHanLatin('Wi-Fi module')).toBe('Wi-Fi module');
  });

  it('spaces across emphasis boundaries in the PDF', async () => {
    const body = '## 課程說明\n\n我們用**Python**寫程式，並以*Arduino*控制水泵。\n\n## 學習過程\n\n過程。\n\n## 心得與反思\n\n心得。\n';
    const root = await makePortfolio({ 'courses/space.md': courseMarkdown(body) });
    await build([root]);
    // Read as poppler copies text: pdf.js drops a space where upright text meets slanted (emphasis).
    const text = execFileSync('pdftotext', ['-raw', join(root, 'out', 'courses', 'space.pdf'), '-'], { encoding: 'utf8' });
    expect(text).toContain('我們用 Python 寫程式，並以 Arduino 控制水泵。');
  });
});

describe('inline styles inside a paragraph', () => {
  it('keep their own look and link when mixed with plain text', async () => {
    const body =
      '## 課程說明\n\n前文前文\u{13000}後文後文，再來一個[連結](https://example.com/a)以及`程式碼`，還有[第二個連結](https://example.com/b)。\n\n' +
      '## 學習過程\n\n過程。\n\n## 心得與反思\n\n心得。\n';
    const root = await makePortfolio({ 'courses/mixed.md': courseMarkdown(body) });
    await build([root]);
    const pdf = await parsePdf(await readFile(join(root, 'out', 'courses', 'mixed.pdf')));
    expect([...new Set(pdf.links)]).toEqual(['https://example.com/a', 'https://example.com/b']);
    // The missing glyph's code is set smaller than the text around it, as the theme asks.
    const runs = pdf.runs.flat();
    const label = runs.find((r) => r.text.includes('U+13000'));
    const around = runs.find((r) => r.text.includes('後文後文'));
    expect(label!.size).toBeLessThan(around!.size);
  });
});

describe('the loaded fonts', () => {
  it('are parsed once per process, however many documents are built', async () => {
    const { fontCacheStats } = await import('../src/emit/patches/speed/fontkit-create.js');
    const root = await makePortfolio({ 'courses/a.md': courseMarkdown('## 說明\n\n一。\n\n## 過程\n\n二。\n\n## 心得\n\n三。\n') });
    await build([root]);
    const first = fontCacheStats();
    await build([root]);
    await build([root]);
    const later = fontCacheStats();
    // pdfkit asked for its fonts in each document (so it goes through the cache)…
    expect(later.requests).toBeGreaterThanOrEqual(first.requests + 2);
    // …and none was parsed again.
    expect(later.parses).toBe(first.parses);
  });
});

describe('a heading followed by a table', () => {
  it('never ends a page above the table, wherever the page break falls', async () => {
    const table =
      '| 組別 | 讀值 | 備註 |\n|---|---:|---|\n' + Array.from({ length: 8 }, (_, i) => `| ${i + 1} | ${500 + i} | 第 ${i + 1} 次量測的紀錄與說明 |`).join('\n');
    const files: Record<string, string> = {};
    // Ever more paragraphs before the heading move it down the page, one line at a time, until it reaches the foot.
    for (let n = 4; n <= 24; n++) {
      const filler = Array.from({ length: n }, (_, i) => `第 ${i + 1} 段：我們把感測器接上電路並記錄讀值。`).join('\n\n');
      files[`courses/t${n}.md`] = courseMarkdown(`## 課程說明\n\n${filler}\n\n### 量測結果\n\n${table}\n\n## 學習過程\n\n過程。\n\n## 心得與反思\n\n心得。\n`);
    }
    const root = await makePortfolio(files);
    await build([root]);
    const headingPages = new Set<number>();
    for (const name of Object.keys(files)) {
      const pdf = await parsePdf(await readFile(join(root, 'out', name.replace(/\.md$/, '.pdf'))));
      const headingPage = pdf.pageTexts.findIndex((t) => t.includes('量測結果'));
      const tablePage = pdf.pageTexts.findIndex((t) => t.includes('第 1 次量測'));
      expect(tablePage, name).toBe(headingPage);
      headingPages.add(headingPage);
    }
    // The variants span the foot of the first page: the heading is on page 1 in some, page 2 in others.
    expect([...headingPages].sort()).toEqual([0, 1]);
  });
});

describe('task lists', () => {
  it('put the box on the item’s own line: ■ done, □ not', async () => {
    const body = '## 課程說明\n\n- [x] 完成的任務\n- [ ] 未完成的任務\n\n## 學習過程\n\n過程。\n\n## 心得與反思\n\n心得。\n';
    const root = await makePortfolio({ 'courses/tasks.md': courseMarkdown(body) });
    await build([root]);
    const pdf = await parsePdf(await readFile(join(root, 'out', 'courses', 'tasks.pdf')));
    const lines = pdf.lines.flat().map((l) => l.text);
    expect(lines.some((l) => /■ ?完成的任務/.test(l))).toBe(true);
    expect(lines.some((l) => /□ ?未完成的任務/.test(l))).toBe(true);
  });
});

describe('a long URL in a justified paragraph', () => {
  it('is set solid: no gaps inside it that a reader, or a copy and paste, takes for spaces', async () => {
    const url =
      'https://www.example.com/a/very/long/path/that/does/not/contain/any/spaces/and/keeps/going/on/and/on/forever/index.html?query=parameters&and=more';
    // The URL's second line has few other breaks (a long word follows): justifying it leaves much to spread.
    const body = `## 課程說明\n\n參考資料：${url} 以及 Supercalifragilisticexpialidocious_is_a_very_long_identifier_without_breaks_in_it。\n\n## 學習過程\n\n過程。\n\n## 心得與反思\n\n心得。\n`;
    const root = await makePortfolio({ 'courses/url.md': courseMarkdown(body) });
    await build([root]);
    const pdf = await parsePdf(await readFile(join(root, 'out', 'courses', 'url.pdf')));
    const runs = pdf.runs[0]!;
    const start = runs.findIndex((r) => r.text.includes('https'));
    const end = runs.findIndex(
      (_run, i) =>
        i >= start &&
        runs
          .slice(start, i + 1)
          .map((p) => p.text)
          .join('')
          .includes('and=more'),
    );
    const pieces = runs.slice(start, end + 1);
    // pdf.js reads a wide gap as a space (so would a copy and paste): there must be none.
    expect(pieces.filter((r) => r.text.trim() === '')).toEqual([]);
    expect(pieces.map((r) => r.text).join('')).toContain('keeps/going/on/and/on/forever/index.html?query=parameters&and=more');
    // Where the URL goes on along one line (x grows), its pieces touch.
    for (let i = 1; i < pieces.length; i++)
      if (pieces[i]!.x > pieces[i - 1]!.x) expect(pieces[i]!.x - (pieces[i - 1]!.x + pieces[i - 1]!.width), pieces[i]!.text).toBeLessThan(0.5);
  });
});
