import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseCsv } from '../src/batch/csv.js';
import { readRoster } from '../src/batch/roster.js';
import { build } from '../src/build.js';
import { formatDiagnostic } from '../src/diagnostics.js';
import { message } from '../src/messages.js';
import { courseMarkdown, makePortfolio, portfolioYaml, sections } from './helpers/portfolio.js';

const cli = join(import.meta.dirname, '..', 'dist', 'licheng', 'main.cjs');
const run = (args: string[], cwd: string) => spawnSync(process.execPath, [cli, ...args], { cwd, encoding: 'utf8' });

interface Row {
  id: string;
  status: string;
  reused: boolean;
  errors: number;
  warnings: number;
  documents: number;
  bytes: number;
  firstError: string;
  roster: Record<string, string>;
}
interface Report {
  summary: Record<string, number>;
  students: Row[];
}

const reportJson = async (out: string) => JSON.parse(await readFile(join(out, 'report.json'), 'utf8')) as Report;
const reportCsv = async (out: string) => parseCsv((await readFile(join(out, 'report.csv'), 'utf8')).replace(/^\uFEFF/, '')).map((r) => r.fields);

/** A school folder: `ok/` builds cleanly, `bad/` has a course without its sections (an error), and the roster. */
async function school(roster: string): Promise<string> {
  return makePortfolio(
    {
      'ok/portfolio.yaml': portfolioYaml,
      'ok/courses/a.md': courseMarkdown(sections),
      'bad/portfolio.yaml': portfolioYaml,
      'bad/courses/a.md': courseMarkdown('只有一段，沒有分段標題。\n'),
      'roster.csv': roster,
    },
    false,
  );
}

describe('batch --resume (issue #10, schools)', () => {
  it('reports unchanged students with their last status, figures and first error, marked reused (沿用)', async () => {
    const dir = await school('id,name,path\n1,甲,ok\n2,乙,bad\n');
    const first = run(['batch', 'roster.csv'], dir);
    expect(first.status, first.stderr).toBe(1);
    const before = await reportJson(join(dir, 'out'));
    expect(before.students.map((s) => [s.status, s.reused])).toEqual([
      ['ok', false],
      ['errors', false],
    ]);

    const again = run(['batch', 'roster.csv', '--resume'], dir);
    expect(again.status).toBe(1);
    const after = await reportJson(join(dir, 'out'));
    const figures = ({ status, errors, warnings, documents, bytes, firstError }: Row) => ({ status, errors, warnings, documents, bytes, firstError });
    expect(after.students.map(figures)).toEqual(before.students.map(figures));
    expect(after.students[1]!.firstError).toMatch(/^courses\/a\.md:\d+:\d+: error: /);
    expect(after.students.map((s) => s.reused)).toEqual([true, true]);
    expect(after.summary).toMatchObject({ total: 2, ok: 1, errors: 1, reused: 2 });
    expect(again.stderr).toContain('1 甲 成功（沿用）');
    expect(again.stderr).toContain('2 乙 有錯誤（沿用）');
    expect(again.stderr).toContain('沿用 2');
    const csv = await reportCsv(join(dir, 'out'));
    expect(csv.map((row) => row[csv[0]!.indexOf('沿用')])).toEqual(['沿用', '是', '是']);
  });
});

describe('report.csv and report.json', () => {
  it("carry the roster's other columns after the standard ones, in roster order, neutralised for spreadsheets", async () => {
    const dir = await school('學號,班級,姓名,座號,路徑,備註\n1120301,301,甲,7,ok,=1+1\n1120302,302,乙,8,missing,\n');
    run(['batch', 'roster.csv'], dir);
    const csv = await reportCsv(join(dir, 'out'));
    expect(csv[0]!.slice(-4)).toEqual(['第一個錯誤', '班級', '座號', '備註']);
    expect(csv[1]!.slice(0, 2)).toEqual(['1120301', '甲']);
    expect(csv[1]!.slice(-3)).toEqual(['301', '7', "'=1+1"]);
    expect(csv[2]!.slice(-3)).toEqual(['302', '8', '']);
    const json = await reportJson(join(dir, 'out'));
    expect(json.students.map((s) => s.roster)).toEqual([
      { 班級: '301', 座號: '7', 備註: '=1+1' },
      { 班級: '302', 座號: '8', 備註: '' },
    ]);
  });

  it('say headings and statuses in Chinese by default and in English with --lang en; report.json keeps its codes', async () => {
    const dir = await school('id,name,path\n1,甲,ok\n2,乙,missing\n');
    run(['batch', 'roster.csv'], dir);
    const zh = await reportCsv(join(dir, 'out'));
    expect(zh[0]).toEqual(['學號', '姓名', '路徑', '狀態', '沿用', '錯誤', '警告', '文件數', '位元組', '秒數', '第一個錯誤']);
    expect(zh.slice(1).map((row) => row[3])).toEqual(['成功', '失敗']);
    expect((await reportJson(join(dir, 'out'))).students.map((s) => s.status)).toEqual(['ok', 'failed']);

    const en = run(['batch', 'roster.csv', '--lang', 'en'], dir);
    expect(en.stderr).toContain('ok 1 · errors 0 · failed 1 · timed out 0');
    const csv = await reportCsv(join(dir, 'out'));
    expect(csv[0]).toEqual(['id', 'name', 'path', 'status', 'reused', 'errors', 'warnings', 'documents', 'bytes', 'seconds', 'first error']);
    expect(csv.slice(1).map((row) => row[3])).toEqual(['ok', 'failed']);
    expect((await reportJson(join(dir, 'out'))).students.map((s) => s.status)).toEqual(['ok', 'failed']);
  });
});

describe('batch --help', () => {
  it('documents the roster with an example that is a valid roster, in Chinese by default and in English with --lang en', async () => {
    const zh = run(['batch', '--help'], '.');
    expect(zh.status).toBe(0);
    expect(zh.stdout).toContain('Big5');
    expect(zh.stdout).toMatch(/學號（或 id/);
    const en = run(['batch', '--help', '--lang', 'en'], '.');
    expect(en.stdout).toContain('Big5');
    expect(en.stdout).toMatch(/id \(or 學號/);
    for (const [help, classColumn] of [
      [zh.stdout, '班級'],
      [en.stdout, 'class'],
    ] as const) {
      // The example: the indented lines after the one that ends in 範例：/ Example:
      const lines = help.split('\n');
      const start = lines.findIndex((l) => /(範例：|Example:)$/.test(l.trim())) + 1;
      const example = lines.slice(start, start + 3).map((l) => l.trim());
      const dir = await makePortfolio({ 'roster.csv': example.join('\n') + '\n' }, false);
      const roster = await readRoster(join(dir, 'roster.csv'), 'roster.csv');
      if ('usageError' in roster) throw new Error(JSON.stringify(roster.usageError));
      expect(roster.entries.map((e) => [e.id, e.problem, e.roster[classColumn]])).toEqual([
        ['1120301', undefined, '301'],
        ['1120302', undefined, '301'],
      ]);
    }
  });
});

describe('sizes in messages', () => {
  it('are human units: a PDF over its cap says 「… KB，上限 2 KB」, not a count of 位元組', async () => {
    const root = await makePortfolio({ 'courses/a.md': courseMarkdown(sections) });
    const built = await build([root], { cwd: root, maxBytes: 2000 });
    const over = built.diagnostics.find((d) => d.ruleId === 'pdf-over-cap')!;
    expect(formatDiagnostic(over, 'zh')).toMatch(/^courses\/a\.md:1:1: error: PDF 為 \d+(\.\d)? KB，上限 2 KB；這份文件沒有圖片/);
    expect(formatDiagnostic(over, 'en')).toMatch(/: error: the PDF is \d+(\.\d)? KB, over the cap of 2 KB; it has no images/);
  });

  it('bundle-over-cap and pdf-images-recompressed say MB, as the issue asks: 4.46 MB，上限 4 MB', async () => {
    expect(message('bundle-over-cap', { file: 'B-1.pdf', bytes: 4_459_592, max: 4_000_000, items: '甲、乙' }, 'zh')).toBe(
      'B-1.pdf 合併後為 4.46 MB，超過上限 4 MB，照片壓縮後仍放不下；請在報考校系檔案中把這些項目移出這個類別：甲、乙',
    );
    expect(message('pdf-images-recompressed', { max: 4_000_000, quality: 62 }, 'zh')).toBe('為了符合 4 MB 上限，圖片已重新壓縮（品質 62）');
    expect(message('pdf-images-recompressed', { max: 4_000_000, quality: 62 }, 'en')).toBe('images were recompressed (quality 62) to fit the 4 MB cap');
  });
});
