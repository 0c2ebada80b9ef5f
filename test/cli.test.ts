import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { courseMarkdown, makePortfolio, sections } from './helpers/portfolio.js';

const cli = join(import.meta.dirname, '..', 'dist', 'licheng', 'main.cjs');
const run = (args: string[], cwd: string) => spawnSync(process.execPath, [cli, ...args], { cwd, encoding: 'utf8' });

describe('licheng build (CLI)', () => {
  it('exits 0 and writes PDFs and the manifest under out/', async () => {
    const root = await makePortfolio({ 'courses/a.md': courseMarkdown(sections) });
    const result = run(['build'], root);
    expect(result.status).toBe(0);
    expect(result.stdout).toBe('');
    expect(existsSync(join(root, 'out', 'courses', 'a.pdf'))).toBe(true);
    expect(existsSync(join(root, 'out', 'manifest.json'))).toBe(true);
  });

  it('prints FILE:LINE:COL: severity: message [rule] and exits 1 on errors; other documents still build', async () => {
    const root = await makePortfolio({
      'courses/bad.md': courseMarkdown(sections, { 學期: '3' }),
      'courses/good.md': courseMarkdown(sections),
    });
    const result = run(['build', '.', '-o', 'out/pdf'], root);
    expect(result.status).toBe(1);
    expect(result.stdout.trim()).toBe('courses/bad.md:6:1: error: 欄位「學期」的值不正確；應為 1 或 2 [key-type]');
    expect(existsSync(join(root, 'out', 'pdf', 'courses', 'good.pdf'))).toBe(true);
    expect(existsSync(join(root, 'out', 'pdf', 'courses', 'bad.pdf'))).toBe(false);
  });

  it('speaks English with --lang en and JSON with --format json', async () => {
    const root = await makePortfolio({ 'courses/bad.md': courseMarkdown(sections, { 學期: '3' }) });
    const en = run(['build', '--lang', 'en'], root);
    expect(en.stdout).toContain('error: key term has a wrong value; expected 1 or 2 [key-type]');
    const json = JSON.parse(run(['build', '--format', 'json'], root).stdout);
    expect(json).toEqual([{ file: 'courses/bad.md', line: 6, column: 1, severity: 'error', message: expect.any(String), ruleId: 'key-type' }]);
  });

  it('exits 2 on a bad flag or a missing path, without a stack trace', async () => {
    const root = await makePortfolio({});
    const flag = run(['build', '--nope'], root);
    expect(flag.status).toBe(2);
    expect(flag.stderr).not.toMatch(/\n\s+at /);
    const missing = run(['build', 'no-such-folder'], root);
    expect(missing.status).toBe(2);
    expect(missing.stdout).toContain('no-such-folder');
  });
});

describe('an output folder that cannot be written', () => {
  it('is one usage error for build and pack, exit 2, no stack trace', async () => {
    const root = await makePortfolio({
      'courses/a.md': courseMarkdown(sections, { 類別: 'B-1' }),
      'targets/t.yaml': '學校: 測試大學\n系所: 電機工程系\n管道: 甄選入學\n招生學年度: 114\n項目:\n  B-1:\n    - ../courses/a.md\n',
      'out/blocked': 'a file where the output folder should go',
    });
    for (const command of ['build', 'pack']) {
      const result = run([command, '-o', 'out/blocked'], root);
      expect(result.status, command).toBe(2);
      expect(result.stdout, command).toMatch(/^out\/blocked:1:1: error: .* \[out-not-folder\]\n$/);
      expect(result.stderr, command).not.toMatch(/\n\s+at /);
    }
  });
});
