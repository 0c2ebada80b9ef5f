import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { courseMarkdown, makePortfolio, sections } from '../helpers/portfolio.js';

const cli = join(import.meta.dirname, '..', '..', 'dist', 'licheng', 'main.cjs');
const run = (args: string[], cwd: string) => spawnSync(process.execPath, [cli, ...args], { cwd, encoding: 'utf8' });

/** What a terminal would act on rather than show (a line break only ends a line). */
const raw = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

describe('control characters from students reach the terminal as escapes', () => {
  it('a roster name with a line break, BEL, ESC and U+202E keeps its progress line whole', async () => {
    const school = await makePortfolio({
      'courses/a.md': courseMarkdown(sections),
      'roster.csv': 'id,name,path\n1,"林\n語\u0007彤\u001b[2J\u202egpj.exe",.\n',
    });
    // The school folder is the student's portfolio here: the exports go beside it, never inside a portfolio.
    const result = run(['batch', 'roster.csv', '-o', `${school}-exports`], school);
    expect(result.status).toBe(0);
    const lines = result.stderr.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^\[1\/1\] 1 林\\n語\\x07彤\\x1b\[2J\\u202egpj\.exe 成功 \d+\.\ds$/);
    expect(lines).toHaveLength(2);
    expect(result.stderr).not.toMatch(raw);
  });

  it('a file name with ESC and U+202E in a diagnostic, as text and as JSON', async () => {
    const root = await makePortfolio({ 'courses/\u001b[31mred\u202e.md': courseMarkdown(sections, { 學期: '3' }) });
    const text = run(['check'], root);
    expect(text.status).toBe(1);
    expect(text.stdout).toContain('courses/\\x1b[31mred\\u202e.md:6:1: error:');
    expect(text.stdout).not.toMatch(raw);
    const json = run(['check', '--format', 'json'], root);
    expect(json.stdout).not.toMatch(raw);
    expect(JSON.parse(json.stdout)[0].file).toBe('courses/\u001b[31mred\u202e.md');
  });
});

describe('output a program reads', () => {
  it('check --format json prints JSON even after an internal error', async () => {
    // 130,000 keys overflow the call stack while the portfolio is read (an internal error on the code this was written against).
    const keys = Array.from({ length: 130_000 }, (_, i) => `k${i}: v`).join('\n');
    const root = await makePortfolio({ 'portfolio.yaml': `學生: 林語彤\n${keys}\n` });
    const result = run(['check', '--format', 'json'], root);
    expect(result.status).not.toBe(0);
    const diagnostics = JSON.parse(result.stdout) as { severity: string }[];
    expect(diagnostics.some((d) => d.severity === 'error')).toBe(true);
  });

  it('check | head -1 ends quietly: no EPIPE stack trace', async () => {
    const root = await makePortfolio(Object.fromEntries(Array.from({ length: 400 }, (_, i) => [`courses/c${i}.md`, 'no front matter\n'])));
    const piped = spawnSync('sh', ['-c', `"${process.execPath}" "${cli}" check | head -1`], { cwd: root, encoding: 'utf8' });
    expect(piped.stdout).toMatch(/^courses\/c0\.md:1:1: error: .*\[front-matter-missing\]\n$/);
    expect(piped.stderr).toBe('');
  });
});

describe('noise of dependencies', () => {
  it('a damaged evidence PDF: pdf-lib’s repair notes never reach stdout or stderr', async () => {
    const damaged = [
      '%PDF-1.4',
      '1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj',
      '2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj',
      '3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 99999999999999999999 792] >> endobj',
      '4 0 obj garbage [[[ endobj',
      'trailer << /Root 1 0 R >>',
      '%%EOF',
    ].join('\n');
    const performance = '---\n名稱: 得獎\n類別: C-5\n日期: 2024-05-01\n簡述: 得獎紀錄\n證明文件:\n  - ../media/award.pdf\n---\n\n## 說明\n\n說明文字。\n';
    const root = await makePortfolio({ 'performances/p.md': performance, 'media/award.pdf': damaged });
    for (const command of ['check', 'build']) {
      const result = run([command], root);
      const lines = (result.stdout + result.stderr).trimEnd().split('\n');
      expect(
        lines.filter((line) => !/^performances\/p\.md:\d+:\d+: (error|warning): |^已輸出 /.test(line)),
        command,
      ).toEqual([]);
    }
  });
});
