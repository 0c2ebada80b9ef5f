import { describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { build } from '../../src/build.js';
import { setLines } from '../../src/emit/patches/speed/pdfmake-set-lines.js';
import { enablePatches, found } from '../../src/emit/patches/registry.js';
import { textSizes, textWidth, themes } from '../../src/layout/theme.js';
import { parsePdf } from '../helpers/pdf.js';
import { courseMarkdown, makePortfolio, sections } from '../helpers/portfolio.js';
import { bodyLines, lineText, placedText, type PlacedText } from './positions.js';

/** Headings, table cells and code as licheng sets them, read back from the PDF. */
const theme = themes.sans;
const left = theme.pageMargins[0];
const right = left + textWidth(theme);
const sizes = textSizes(theme);

async function pdfOf(body: string): Promise<Buffer> {
  const root = await makePortfolio({ 'courses/doc.md': courseMarkdown(sections.replace('說明文字。', body)) });
  const result = await build([root]);
  expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return readFile(join(root, 'out', 'courses', 'doc.pdf'));
}

/** Lines of text set at `size`, left to right. */
const linesAt = (items: readonly PlacedText[], size: number): PlacedText[][] => bodyLines(items.filter((p) => Math.abs(p.size - size) < 0.05));

const noStart = /^[。，、；：？！」』）》]/u;
const noEnd = /[「『（《]$/u;

describe('headings, table cells and code set by licheng, read back from the PDF', () => {
  it('breaks long headings by kinsoku, spaces Han and Latin in them, leaves no lone last character and bookmarks them', async () => {
    // The prefix moves the break across ，「」 and the Latin word, heading by heading.
    const headings = Array.from({ length: 14 }, (_, i) => `## ${'測'.repeat(i + 18)}以ESP32與超音波量水位，從「電路設計」到「資料分析」的紀錄。`);
    const data = await pdfOf(`${headings.join('\n\n')}\n\n內容。`);
    const lines = linesAt(await placedText(data), sizes.h2).map(lineText);
    const wrapped = lines.filter((l) => !l.startsWith('測'));
    // Every heading takes two lines or more: a second line starts somewhere after the 測 run.
    expect(wrapped.length).toBeGreaterThanOrEqual(14);
    expect(lines.filter((l) => noStart.test(l))).toEqual([]);
    expect(lines.filter((l) => noEnd.test(l))).toEqual([]);
    expect(lines.filter((l) => /^\p{Script=Han}[。」）]*$/u.test(l))).toEqual([]);
    const headingText = (await placedText(data))
      .filter((p) => Math.abs(p.size - sizes.h2) < 0.05)
      .map((p) => p.text)
      .join('');
    expect(headingText).toContain('以 ESP32 與');
    // Bookmarked once each, by their first line, with the text as written.
    const { outline } = await parsePdf(data);
    expect(JSON.stringify(outline).match(/以ESP32與超音波量水位/g)).toHaveLength(14);
  });

  it('wraps a long table cell inside its column, by kinsoku, with Han–Latin spacing', async () => {
    const long = '我們把感測器接上Arduino，讀值在380到520之間跳動，於是查資料手冊、做校正、再量一次；最後用「十次平均」當作讀值，誤差小於百分之三。';
    const table = ['| 步驟 | 說明 | 次數 |', '| --- | --- | ---: |', `| 校正 | ${long.repeat(2)} | 10 |`, '| 量測 | 每小時一次 | 24 |'].join('\n');
    const items = await placedText(await pdfOf(table));
    const label = items.find((p) => p.text.startsWith('校正'))!;
    const count = items.find((p) => p.text === '10')!;
    const next = items.find((p) => p.text.startsWith('量測'))!;
    // The cell: right of its row's label, left of its count, from its row down to the next.
    const cell = linesAt(
      items.filter((p) => p.x > label.x + label.width && p.x < count.x && p.y <= label.y + 0.5 && p.y > next.y + 0.5 && p.text.trim() !== ''),
      sizes.table,
    );
    expect(cell.length).toBeGreaterThanOrEqual(3);
    // Every line of the cell starts at the column's left and ends before the next column.
    const starts = cell.map((l) => l[0]!.x);
    expect(Math.max(...starts) - Math.min(...starts)).toBeLessThan(0.5);
    for (const line of cell) expect(line.at(-1)!.x + line.at(-1)!.width).toBeLessThan(count.x);
    expect(cell.map(lineText).filter((l) => noStart.test(l) || noEnd.test(l))).toEqual([]);
    expect(cell.map((l) => l.map((p) => p.text).join('')).join('')).toContain('接上 Arduino，');
    // The number column is right-aligned: 10 and 24 end at the same x.
    const end = (p: PlacedText) => p.x + p.width;
    expect(end(count)).toBeCloseTo(end(items.find((p) => p.text === '24')!), 1);
  });

  it('sets code in a monospace face, keeps its indents and empty lines, and wraps a long line inside the box', async () => {
    const longLine = Array.from({ length: 30 }, (_, i) => `value${i}`).join(' + ');
    const code = ['```c', 'iiiiiiii = 1;', 'WWWWWWWW = 2;', '', 'if (x) {', '    call();', '}', `total = ${longLine};`, '```'].join('\n');
    const items = await placedText(await pdfOf(code));
    const lines = linesAt(items, sizes.code);
    const at = (start: string) => lines.find((l) => lineText(l).startsWith(start))!;
    const width = (line: PlacedText[]) => line.at(-1)!.x + line.at(-1)!.width - line[0]!.x;
    // Monospace: eight i and eight W are as wide.
    expect(width(at('iiiiiiii'))).toBeCloseTo(width(at('WWWWWWWW')), 1);
    const codeLeft = at('iiiiiiii')[0]!.x;
    const advance = width(at('iiiiiiii')) / 'iiiiiiii = 1;'.length;
    expect(at('call();')[0]!.x - codeLeft).toBeCloseTo(4 * advance, 0);
    // The empty line keeps its place: `if` is two lines below `WWWW`.
    expect(at('WWWWWWWW')[0]!.y - at('if(x)')[0]!.y).toBeGreaterThan(1.8 * sizes.code);
    const wrapped = lines.filter((l) => /value\d/.test(lineText(l)));
    expect(wrapped.length).toBeGreaterThanOrEqual(2);
    for (const line of wrapped) {
      expect(line[0]!.x).toBeCloseTo(codeLeft, 0);
      expect(line.at(-1)!.x + line.at(-1)!.width).toBeLessThanOrEqual(right - 8 + 0.5);
    }
    expect(wrapped.map(lineText).join('')).toBe(`total=${longLine.replace(/ /g, '')};`);
  });

  it('are measured by the set-lines patch into the very PDF pdfmake makes of them alone', async () => {
    const url = 'https://www.example.com/projects/soil-moisture/calibration/index.html?sensor=capacitive&unit=percent';
    const body = [
      `## 以ESP32與超音波量水位：從「電路設計」到「資料分析」${'測'.repeat(30)}`,
      `我們用 *感測器* 與 **Arduino** 量測[^1]，參考 [手冊](${url}) 與 ${url}。「好」。（失敗），才成功。`,
      '| 項目 | 說明 | 數值 |',
      '| --- | --- | ---: |',
      `| 校正 | ${url} 的說明：「十次平均」 | 3.5% |`,
      '',
      '```',
      'if (x) {',
      '    call(); // 呼叫',
      '}',
      '```',
      '',
      '[^1]: 註腳的內容，說明量測方式。',
    ].join('\n');
    const withPatch = await pdfOf(body);
    expect(found.some((f) => f.patch === setLines && f.applied)).toBe(true);
    enablePatches((patch) => patch !== setLines);
    try {
      expect((await pdfOf(body)).equals(withPatch)).toBe(true);
    } finally {
      enablePatches(() => true);
    }
  });
});
