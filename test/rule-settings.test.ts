import { describe, expect, it } from 'vitest';
import { check } from '../src/check.js';
import { formatDiagnostic } from '../src/diagnostics.js';
import { courseMarkdown, makePortfolio, portfolioYaml } from './helpers/portfolio.js';

/** A course whose reflection is thin and whose team contribution repeats the table: two pieces of advice. */
const course = courseMarkdown('## 課程說明\n\n說明。\n\n## 學習過程\n\n過程。\n\n## 心得與反思\n\n很好玩。\n');

async function said(rules: string): Promise<string[]> {
  const root = await makePortfolio({ 'portfolio.yaml': `${portfolioYaml}${rules}`, 'courses/a.md': course }, false);
  return (await check(['.'], { cwd: root })).diagnostics.map((d) => formatDiagnostic(d, 'zh'));
}

describe('portfolio.yaml sets what a rule reports', () => {
  it('by default the advice is a warning', async () => {
    expect((await said('')).filter((l) => l.includes('[reflection-thin]'))).toEqual([expect.stringContaining(': warning: ')]);
  });

  it('turns a rule off, or makes it an error, in English or Chinese words', async () => {
    expect((await said('規則:\n  reflection-thin: 關閉\n')).filter((l) => l.includes('[reflection-thin]'))).toEqual([]);
    expect((await said('rules:\n  reflection-thin: error\n')).filter((l) => l.includes('[reflection-thin]'))).toEqual([expect.stringContaining(': error: ')]);
  });

  it('names a rule id it does not know, with the one meant, and a setting it does not know', async () => {
    const lines = await said('規則:\n  reflction-thin: off\n  summary-too-long: 靜音\n');
    expect(lines).toContain('portfolio.yaml:4:3: warning: 不認得的欄位「reflction-thin」，將被忽略；是不是要寫「reflection-thin」？ [key-unknown]');
    expect(lines.find((l) => l.startsWith('portfolio.yaml:5:'))).toMatch(/error: .*\[key-type\]$/);
  });
});
