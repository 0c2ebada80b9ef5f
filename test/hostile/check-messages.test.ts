import { describe, expect, it } from 'vitest';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { check } from '../../src/check.js';
import { compressFile, isMediaError, mediaErrorMessage } from '../../src/media/index.js';
import { formatDiagnostic } from '../../src/diagnostics.js';
import { courseMarkdown, makePortfolio, reflection } from '../helpers/portfolio.js';

/** Hostile input, area `check`: messages a 17-year-old can act on. */

const lines = async (root: string, lang: 'zh' | 'en' = 'zh') =>
  (await check(['.'], { cwd: root })).diagnostics.filter((d) => d.severity === 'error').map((d) => formatDiagnostic(d, lang));

const utf16be = (text: string) => Buffer.from(text, 'utf16le').swap16();

describe('key-type names the expected shape with an example', () => {
  it('for a document’s kind, a 西元 year, a target’s caps, items and 表A fields', async () => {
    const root = await makePortfolio({
      // Its sections written: a front matter in error no longer hides missing ones, and these are not what this test is about.
      'courses/a.md': courseMarkdown(`## 課程說明\n\n說明。\n\n## 學習過程\n\n過程。\n\n## 心得與反思\n\n${reflection}\n`, { 種類: '[1]', 學年度: '2023' }),
      'performances/p.md': '---\n名稱: 科展\n類別: C-5\n日期: 2024-03-01\n時數: 很多\n簡述: 參加科展。\n---\n',
      'targets/t.yaml':
        '學校: 測試大學\n系所: 電機工程系\n管道: 甄選入學\n招生學年度: 2026\n上限:\n  B-1: 三\n項目:\n  B-1: 3\n  D-1: [a, b]\n表A:\n  自我介紹: [1, 2]\n',
    });
    const found = await lines(root);
    expect(found).toEqual([
      'courses/a.md:5:1: error: 欄位「學年度」寫的是西元 2023 年；請寫民國年 112（西元年減 1911） [key-type]',
      'courses/a.md:8:1: error: 欄位「種類」的值不正確；應為 course、performance、summary 或 statement（或中文：課程學習成果、多元表現…） [key-type]',
      'performances/p.md:5:1: error: 欄位「時數」的值不正確；應為 時數（數字），例如 12 [key-type]',
      'targets/t.yaml:4:1: error: 欄位「招生學年度」寫的是西元 2026 年；請寫民國年 115（西元年減 1911） [key-type]',
      'targets/t.yaml:6:3: error: 欄位「B-1」的值不正確；應為 件數（整數），例如 3 [key-type]',
      'targets/t.yaml:8:3: error: 欄位「B-1」的值不正確；應為 檔案路徑清單，每行一個，例如「- ../courses/專題.md」 [key-type]',
      'targets/t.yaml:9:3: error: 欄位「D-1」的值不正確；應為 一個檔案路徑，例如 ../summary.md [key-type]',
      'targets/t.yaml:11:3: error: 欄位「自我介紹」的值不正確；應為 一段文字 [key-type]',
    ]);
    expect((await lines(root, 'en')).join('\n')).not.toMatch(/another format/);
  });
});

describe('text files as editors save them', () => {
  const body = `## 課程說明\n\n說明文字。\n\n## 學習過程\n\n過程文字。\n\n## 心得與反思\n\n${reflection}\n`;

  it('reads a course saved as UTF-16 with a byte-order mark (Notepad’s “Unicode”), little- or big-endian', async () => {
    const text = '\uFEFF' + courseMarkdown(body).replace(/\n/g, '\r\n');
    const root = await makePortfolio({ 'courses/le.md': Buffer.from(text, 'utf16le'), 'courses/be.md': utf16be(text) });
    expect(await lines(root)).toEqual([]);
  });

  it('says a UTF-16 file without a byte-order mark is UTF-16, and how to save it as UTF-8', async () => {
    const root = await makePortfolio({ 'courses/a.md': Buffer.from(courseMarkdown(body), 'utf16le') });
    const [line] = await lines(root);
    expect(line).toMatch(/^courses\/a\.md:1:1: error: 檔案是 UTF-16 編碼，不是 UTF-8；請在編輯器中以 UTF-8 另存.* \[file-encoding\]$/);
  });
});

describe('section headings', () => {
  it('match with a zero-width character inside or a Kangxi radical look-alike (⼼ U+2F3C for 心)', async () => {
    const body = `## 課程\u200B說明\n\n說明文字。\n\n## 學習過程\uFEFF\n\n過程文字。\n\n## \u2F3C得與反思\n\n${reflection}\n`;
    const root = await makePortfolio({ 'courses/a.md': courseMarkdown(body) });
    expect(await lines(root)).toEqual([]);
  });
});

describe('HEIC, said as it is', () => {
  it('the unsupported-format message does not offer HEIC, which this build cannot decode, and says to export JPEG', async () => {
    const root = await makePortfolio({});
    await writeFile(join(root, 'notes.xyz'), 'plain text');
    const error = await compressFile(join(root, 'notes.xyz'), { outDir: join(root, 'out') }).catch((e: unknown) => e);
    expect(isMediaError(error) && error.code).toBe('unsupported');
    const text = mediaErrorMessage(error as never, 'zh');
    expect(text).not.toMatch(/(、|或 )HEIC[，,]/);
    expect(text).toMatch(/HEIC 照片請先匯出成 JPEG/);
  });
});
