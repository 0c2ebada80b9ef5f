import { describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { build } from '../../src/build.js';
import { check } from '../../src/check.js';
import { inputLimits } from '../../src/limits.js';
import { measuredCli } from '../helpers/measure.js';
import { courseMarkdown, makePortfolio, portfolioYaml, sections } from '../helpers/portfolio.js';

const cli = join(import.meta.dirname, '..', '..', 'dist', 'licheng', 'main.cjs');

/**
 * The CLI on a portfolio, timed in processor seconds: input beyond a limit is a diagnostic within
 * seconds, not a hang. (Under half a second each, before the limits minutes; the wall clock of a
 * loaded machine stretched the same runs past 3 s.)
 */
function timedCli(args: string[], cwd: string) {
  const result = measuredCli(cli, args, { cwd, encoding: 'utf8', timeout: 20_000, maxBuffer: 256 * 1024 * 1024 });
  return { ...result, seconds: result.cpuSeconds };
}

/** A course whose 課程說明 holds `text`; the other sections are complete. */
const courseWith = (text: string) => courseMarkdown(sections.replace('說明文字。', text));
/** Lines of the front matter written by courseMarkdown, plus its blank line: the body starts below. */
const bodyLine = 10;

const found = (diagnostics: { ruleId: string; line: number; severity: string }[], ruleId: string) =>
  diagnostics.filter((d) => d.ruleId === ruleId).map((d) => `${d.severity} ${d.line}`);

describe('nesting (issue 16: RangeError on 5,000 nested quotes)', () => {
  it('5,000 nested block quotes are nesting-too-deep at their line, and build writes no PDF', async () => {
    const root = await makePortfolio({ 'courses/a.md': courseWith('> '.repeat(5000) + '很深') });
    const { diagnostics } = await check(['.'], { cwd: root });
    expect(found(diagnostics, 'nesting-too-deep')).toEqual([`error ${bodyLine + 2}`]);
    const built = await build(['.'], { cwd: root });
    expect(found(built.diagnostics, 'nesting-too-deep')).toHaveLength(1);
    expect(existsSync(join(root, 'out', 'courses', 'a.pdf'))).toBe(false);
  });

  it('emphasis nested 60 deep and lists indented 30 deep are found in the tree, at the first node beyond the limit', async () => {
    const emphasis = '*a '.repeat(60) + 'x' + ' a*'.repeat(60);
    const lists = Array.from({ length: 30 }, (_, i) => '  '.repeat(i) + '- 項目').join('\n');
    const root = await makePortfolio({ 'courses/a.md': courseWith(emphasis), 'courses/b.md': courseWith(lists) });
    const { diagnostics } = await check(['.'], { cwd: root });
    const deep = diagnostics.filter((d) => d.ruleId === 'nesting-too-deep').map((d) => `${d.file}:${d.line}:${d.column}`);
    expect(deep).toEqual([
      `courses/a.md:${bodyLine + 2}:${3 * inputLimits.nestingMaxDepth + 1}`,
      `courses/b.md:${bodyLine + 2 + inputLimits.nestingMaxDepth}:${2 * inputLimits.nestingMaxDepth + 1}`,
    ]);
  });

  it('20 levels, generous for a real document, are typeset', async () => {
    const quotes = '> '.repeat(inputLimits.nestingMaxDepth) + '引用';
    const root = await makePortfolio({ 'courses/a.md': courseWith(quotes) });
    const built = await build(['.'], { cwd: root });
    expect(built.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(existsSync(join(root, 'out', 'courses', 'a.pdf'))).toBe(true);
  });
});

describe('sizes (issues 16 and 17: out of memory, minutes of work)', () => {
  it('a 2.6 MB document is file-too-large before it is read, within seconds, in check and build', async () => {
    const root = await makePortfolio({ 'courses/a.md': courseWith('這是很長的段落。\n\n'.repeat(3_000_000 / 30)) });
    for (const command of ['check', 'build']) {
      const result = timedCli([command], root);
      expect(result.stdout).toMatch(/^courses\/a\.md:1:1: error: 檔案有 2\.60 MB，超過上限 1 MB.* \[file-too-large\]$/m);
      expect(result.status).toBe(1);
      expect(result.seconds).toBeLessThan(5);
    }
    expect(existsSync(join(root, 'out', 'courses', 'a.pdf'))).toBe(false);
  });

  it('a body over 50,000 characters, a 1 MB-sized paragraph and a 200,000-character autolink are refused at their line within seconds', async () => {
    const root = await makePortfolio({
      'courses/body.md': courseWith(Array.from({ length: 60 }, () => '段落'.repeat(500)).join('\n\n')),
      'courses/paragraph.md': courseWith('長'.repeat(inputLimits.paragraphMaxChars + 1)),
      'courses/autolink.md': courseWith('https://' + 'a'.repeat(200_000) + '.com'),
    });
    const result = timedCli(['build'], root);
    expect(result.seconds).toBeLessThan(5);
    expect(result.stdout.split('\n').filter((line) => line.includes('error'))).toEqual([
      `courses/autolink.md:${bodyLine}:1: error: 內文有 200148 字，超過上限 50000 字（約 40 頁）；請精簡，或把內容分成幾份文件 [body-too-long]`,
      `courses/body.md:${bodyLine}:1: error: 內文有 60254 字，超過上限 50000 字（約 40 頁）；請精簡，或把內容分成幾份文件 [body-too-long]`,
      `courses/paragraph.md:${bodyLine + 2}:1: error: 這個段落有 5001 字，超過上限 5000 字；請用空行把它分成幾段 [paragraph-too-long]`,
    ]);
    expect(existsSync(join(root, 'out', 'courses'))).toBe(false);
  });

  it('a 200,000-character title (115 s in build) and a 100,000-character student name are field-too-long at their key within seconds', async () => {
    const root = await makePortfolio({
      'portfolio.yaml': `學生: ${'林'.repeat(100_000)}\n學校: 示範高中\n`,
      'courses/a.md': courseMarkdown(sections, { 成果名稱: '題'.repeat(200_000) }),
    });
    const result = timedCli(['build'], root);
    expect(result.seconds).toBeLessThan(5);
    expect(result.stdout.split('\n').filter((line) => line.endsWith('[field-too-long]'))).toEqual([
      'courses/a.md:2:1: error: 欄位「成果名稱」有 200000 字，超過上限 200 字；標題、名稱這類欄位請寫短一點，詳細內容請寫進內文 [field-too-long]',
      'portfolio.yaml:1:1: error: 欄位「學生」有 100000 字，超過上限 200 字；標題、名稱這類欄位請寫短一點，詳細內容請寫進內文 [field-too-long]',
    ]);
    expect(existsSync(join(root, 'out', 'courses', 'a.pdf'))).toBe(false);
  });

  it('2,000 [ and 5,000 nested emphasis marks (quadratic in the parser) are paragraph-too-many-marks within seconds', async () => {
    const root = await makePortfolio({
      'courses/brackets.md': courseWith('['.repeat(2000)),
      'courses/emphasis.md': courseWith('*a '.repeat(2500) + 'x' + ' a*'.repeat(2500)),
    });
    const result = timedCli(['build'], root);
    expect(result.seconds).toBeLessThan(5);
    expect(result.stdout).toContain(`courses/brackets.md:${bodyLine + 2}:1: error: 這個段落有 2000 個格式符號`);
    expect(result.stdout).toMatch(new RegExp(`courses/emphasis\\.md:${bodyLine + 2}:1: error: .*\\[paragraph-too-(long|many-marks)\\]`));
  });

  it('8,000 block quotes (each costs the parser the events before it) are quotes-too-many at the one beyond the limit; 200 are parsed', async () => {
    const root = await makePortfolio({
      'courses/many.md': courseWith('> 引用\n\n'.repeat(8000)),
      'courses/enough.md': courseWith('> 引用\n\n段落\n\n'.repeat(inputLimits.quoteMaxCount)),
    });
    const result = timedCli(['check'], root);
    expect(result.seconds).toBeLessThan(5);
    expect(result.stdout.split('\n').filter((line) => line.includes('error'))).toEqual([
      `courses/many.md:${bodyLine + 2 + 2 * inputLimits.quoteMaxCount}:1: error: 這份文件的引用區塊（> 開頭）超過 200 個；請把連續的引用合併，或改成一般段落 [quotes-too-many]`,
    ]);
  });

  it('a document of 9,000 one-character list items (238 pages) is pages-too-many, and no PDF is written', async () => {
    const root = await makePortfolio({ 'courses/a.md': courseWith('- 項\n'.repeat(9000)) });
    const built = await build(['.'], { cwd: root });
    expect(built.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.ruleId} ${d.args.pages}`)).toEqual([
      expect.stringMatching(/^pages-too-many \d{3}$/),
    ]);
    expect(existsSync(join(root, 'out', 'courses', 'a.pdf'))).toBe(false);
  }, 60_000);

  it('a list keeps its items apart: 300 items of 40 characters are not one long paragraph', async () => {
    const root = await makePortfolio({ 'courses/a.md': courseWith(`- ${'清單項目的文字'.repeat(5)}，**重點**。\n`.repeat(300)) });
    const { diagnostics } = await check(['.'], { cwd: root });
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });

  it('a table keeps its rows apart: 300 rows with bold cells are typeset, not counted as one paragraph', async () => {
    const table = '| 項目 | 說明 |\n|---|---|\n' + '| **粗體** | *斜體*與[連結](https://example.com) |\n'.repeat(300);
    const root = await makePortfolio({ 'courses/a.md': courseWith(table) });
    const { diagnostics } = await check(['.'], { cwd: root });
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });
});

describe('many keys and many missing glyphs (issue 17: RangeError)', () => {
  it('a portfolio.yaml of 160,000 keys under 1 MB: warnings, no RangeError', async () => {
    const keys = Array.from({ length: 160_000 }, (_, i) => `${i.toString(36)}:`).join('\n');
    const root = await makePortfolio({ 'portfolio.yaml': `${portfolioYaml}${keys}\n`, 'courses/a.md': courseMarkdown(sections) });
    const { diagnostics } = await check(['.'], { cwd: root });
    expect(diagnostics.filter((d) => d.ruleId === 'key-unknown')).toHaveLength(160_000);
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });

  it('one missing glyph repeated 20,000 times is one glyph-missing with its first position and count; each distinct character once', async () => {
    const body = Array.from({ length: 10 }, () => '\u{1d11e}'.repeat(1000) + '\u{13000}'.repeat(1000)).join('\n\n');
    const root = await makePortfolio({ 'courses/a.md': courseWith(body) });
    const { diagnostics } = await check(['.'], { cwd: root });
    const glyphs = diagnostics.filter((d) => d.ruleId === 'glyph-missing');
    expect(glyphs.map((d) => [d.line, d.column, d.args.char, d.args.count])).toEqual([
      [bodyLine + 2, 1, '\u{1d11e}', 10_000],
      [bodyLine + 2, 2001, '\u{13000}', 10_000],
    ]);
  });

  it('a character no font has, in the title and the body, is printed once by build', async () => {
    const root = await makePortfolio({
      'courses/a.md': courseMarkdown(sections.replace('說明文字。', '成功了\u{13000}'), { 成果名稱: '點名小工具\u{13000}' }),
    });
    const result = timedCli(['build'], root);
    expect(result.stdout.split('\n').filter((line) => line.endsWith('[glyph-missing]'))).toHaveLength(1);
  });
});
