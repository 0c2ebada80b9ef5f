import { describe, expect, it } from 'vitest';
import { check } from '../src/check.js';
import { formatDiagnostic } from '../src/diagnostics.js';
import { courseMarkdown, makePortfolio, sections } from './helpers/portfolio.js';

async function said(frontMatter: Record<string, string>): Promise<string[]> {
  const root = await makePortfolio({ 'courses/a.md': courseMarkdown(sections, frontMatter) });
  return (await check(['.'], { cwd: root })).diagnostics.map((d) => formatDiagnostic(d, 'zh'));
}

describe('an unknown key suggests the key the student meant', () => {
  it.each([
    ['授課老師', '王老師', '不認得的欄位「授課老師」，將被忽略；是不是要寫「授課教師」？'],
    ['學分', '2', '不認得的欄位「學分」，將被忽略；是不是要寫「學分數」？'],
    ['summery', '簡述', '不認得的欄位「summery」，將被忽略；是不是要寫「summary」？'],
    ['心情', '好', '不認得的欄位「心情」，將被忽略 [key-unknown]'],
  ])('%s', async (key, value, text) => {
    const [line] = await said({ [key]: value });
    expect(line).toContain(text);
  });
});
