import { describe, expect, it } from 'vitest';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { csvField, parseCsv } from '../src/batch/csv.js';
import { decodeRoster, readRoster } from '../src/batch/roster.js';
import { problemMessage } from '../src/batch/messages.js';

async function rosterFile(content: string | Buffer): Promise<string> {
  const file = join(await mkdtemp(join(tmpdir(), 'licheng-roster-')), 'roster.csv');
  await writeFile(file, content);
  return file;
}

describe('roster CSV', () => {
  it('reads quoted fields holding commas, quotes and line breaks; drops blank lines and rows of empty cells', () => {
    const records = parseCsv('id,name\r\n1,"王, 小明"\r\n\r\n,,\n2,"說 ""嗨""\n第二行"\n3,陳大文');
    expect(records).toEqual([
      { line: 1, fields: ['id', 'name'] },
      { line: 2, fields: ['1', '王, 小明'] },
      { line: 5, fields: ['2', '說 "嗨"\n第二行'] },
      { line: 7, fields: ['3', '陳大文'] },
    ]);
    expect(csvField('王, 小明')).toBe('"王, 小明"');
    expect(csvField('說 "嗨"')).toBe('"說 ""嗨"""');
  });

  it('decodes UTF-8 with and without BOM, and Big5 as Excel on zh-TW Windows saves it', () => {
    const text = '學號,姓名,路徑\r\n1,林語彤,a\r\n';
    expect(decodeRoster(Buffer.from('\uFEFF' + text))).toEqual({ text, encoding: 'utf-8' });
    expect(decodeRoster(Buffer.from(text))).toEqual({ text, encoding: 'utf-8' });
    expect(decodeRoster(iconv.encode(text, 'cp950'))).toEqual({ text, encoding: 'cp950' });
  });

  it('maps Chinese column names and turns bad rows into problems, not exceptions', async () => {
    const file = await rosterFile('\uFEFF座號,姓名,資料夾,備註\n1,林語彤,a,x\n,無學號,b\n1,重複,c\n3,沒路徑,\n../x,壞學號,d\n');
    const roster = await readRoster(file, 'roster.csv');
    if ('usageError' in roster) throw new Error('usage error');
    expect(roster.entries.map((e) => [e.line, e.id, e.name, e.path])).toEqual([
      [2, '1', '林語彤', 'a'],
      [3, '', '無學號', 'b'],
      [4, '1', '重複', 'c'],
      [5, '3', '沒路徑', ''],
      [6, '../x', '壞學號', 'd'],
    ]);
    expect(roster.entries.map((e) => e.problem && problemMessage(e.problem, 'zh'))).toEqual([
      undefined,
      '名冊第 3 行沒有學號（id）',
      '名冊第 4 行的學號「1」與第 2 行重複（大小寫視為相同）',
      '名冊第 5 行沒有作品集資料夾路徑（path）',
      '名冊第 6 行的學號「../x」不能當資料夾名稱；請只用字母、數字、-、_',
    ]);
  });

  it('is a usage error when the file is missing or has no id and path columns', async () => {
    const missing = await readRoster('/no/such/roster.csv', 'roster.csv');
    expect('usageError' in missing && missing.usageError.code).toBe('roster-missing');
    const headless = await readRoster(await rosterFile('學生,班級\n林語彤,302\n'), 'roster.csv');
    expect('usageError' in headless && problemMessage(headless.usageError, 'en')).toContain('found: 學生, 班級');
  });
});
