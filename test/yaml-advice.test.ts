import { describe, expect, it } from 'vitest';
import { check } from '../src/check.js';
import { formatDiagnostic } from '../src/diagnostics.js';
import { courseMarkdown, makePortfolio, sections } from './helpers/portfolio.js';

const frontMatter = (yaml: string) => `---\n${yaml}\n---\n\n${sections}`;
const course = '成果名稱: 測試成果\n類別: B-2\n科目名稱: 國語文\n學年度: 112\n學期: 1\n簡述: 這是一段簡述。';

async function said(files: Record<string, string>): Promise<string[]> {
  const root = await makePortfolio(files);
  const { diagnostics } = await check(['.'], { cwd: root });
  return diagnostics.map((d) => formatDiagnostic(d, 'zh'));
}

/** The YAML slips of a Chinese keyboard, each told at its line in Chinese with what to type instead. */
describe('YAML errors as a student in Taiwan makes them', () => {
  it.each([
    [
      'a full-width colon',
      course.replace('學期: 1', '學期：1'),
      'courses/a.md:6:3: error: YAML 格式錯誤：欄位名稱後面是全形冒號「：」；請改成半形冒號加一個空格：「學期: 1」 [yaml-syntax]',
    ],
    [
      'no space after the colon',
      course.replace('學期: 1', '學期:1'),
      'courses/a.md:6:3: error: YAML 格式錯誤：冒號後面要空一格：請把「學期:1」改成「學期: 1」 [yaml-syntax]',
    ],
    [
      'a full-width space after the colon',
      course.replace('學期: 1', '學期:\u30001'),
      'courses/a.md:6:4: error: YAML 格式錯誤：這裡是全形空格「　」；YAML 的縮排和冒號後的空格都要用半形空格 [yaml-syntax]',
    ],
    [
      'an unclosed quote',
      course.replace('簡述: 這是一段簡述。', '簡述: "這是一段簡述。'),
      'courses/a.md:7:5: error: YAML 格式錯誤：引號 " 沒有成對；請在這個值的結尾補上 "，或把引號拿掉 [yaml-syntax]',
    ],
    [
      'a tab as indent',
      `${course}\n團隊:\n\t- 姓名: 林語彤`,
      'courses/a.md:9:1: error: YAML 格式錯誤：這一行用 Tab 縮排；YAML 只接受空格，請把 Tab 換成兩個半形空格 [yaml-syntax]',
    ],
    [
      'a full-width space as indent',
      `${course}\n團隊:\n\u3000- 姓名: 林語彤`,
      'courses/a.md:9:1: error: YAML 格式錯誤：這裡是全形空格「　」；YAML 的縮排和冒號後的空格都要用半形空格 [yaml-syntax]',
    ],
    [
      'a stray indent',
      course.replace('學期: 1', '  學期: 1'),
      'courses/a.md:5:6: error: YAML 格式錯誤：縮排沒有對齊；同一層的欄位要用相同數量的半形空格縮排 [yaml-syntax]',
    ],
  ])('%s', async (_, yaml, line) => {
    expect(await said({ 'courses/a.md': frontMatter(yaml) })).toEqual([line]);
  });

  it('in portfolio.yaml and targets alike, and a full-width colon on the only line is no "not a mapping"', async () => {
    const lines = await said({ 'portfolio.yaml': '學生：林語彤\n', 'courses/a.md': courseMarkdown(sections) });
    expect(lines).toEqual(['portfolio.yaml:1:3: error: YAML 格式錯誤：欄位名稱後面是全形冒號「：」；請改成半形冒號加一個空格：「學生: 林語彤」 [yaml-syntax]']);
  });

  it('leaves a full-width colon inside a value alone', async () => {
    expect(await said({ 'courses/a.md': frontMatter(course.replace('成果名稱: 測試成果', '成果名稱: 專題：智慧澆水')) })).toEqual([]);
  });

  it('never passes the parser’s English through for the slips it knows', async () => {
    const lines = await said({ 'courses/a.md': frontMatter(course.replace('學期: 1', '學期 1')) });
    expect(lines.join('\n')).not.toMatch(/[A-Za-z]{4,} [a-z]{3,}/);
  });
});
