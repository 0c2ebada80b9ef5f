import { describe, expect, it } from 'vitest';
import { mkdtemp, readFile, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { parse } from 'yaml';
import { initPortfolio } from '../src/scaffold/init-portfolio.js';
import { jsonSchemaFiles, portfolioJsonSchema, targetJsonSchema } from '../src/schema/json-schemas.js';

const top = join(import.meta.dirname, '..');
const example = join(top, 'examples', 'portfolio');
const ajv = new Ajv({ strict: true, strictRequired: false, allowUnionTypes: true, allErrors: true });
const portfolio = ajv.compile(portfolioJsonSchema());
const target = ajv.compile(targetJsonSchema());
const yamlOf = async (path: string) => parse(await readFile(path, 'utf8'));

describe('JSON schemas for editors', () => {
  it('are committed in schemas/ exactly as generated (regenerate: npx vitest run test/schema.test.ts -u)', async () => {
    for (const [name, text] of Object.entries(jsonSchemaFiles())) await expect(text).toMatchFileSnapshot(join(top, 'schemas', name));
  });

  it('accept the example portfolio.yaml and its targets', async () => {
    expect(portfolio(await yamlOf(join(example, 'portfolio.yaml'))), JSON.stringify(portfolio.errors)).toBe(true);
    const targets = (await readdir(join(example, 'targets'))).filter((n) => n.endsWith('.yaml'));
    expect(targets.length).toBeGreaterThan(0);
    for (const name of targets) expect(target(await yamlOf(join(example, 'targets', name))), `${name}: ${JSON.stringify(target.errors)}`).toBe(true);
  });

  it('accept what init scaffolds', async () => {
    const root = await mkdtemp(join(tmpdir(), 'licheng-schema-'));
    await initPortfolio(root);
    expect(portfolio(await yamlOf(join(root, 'portfolio.yaml')))).toBe(true);
    expect(target(await yamlOf(join(root, 'targets', 'example.yaml')))).toBe(true);
  });

  it('accept every name of a key, Chinese or English, and the loose values the loader reads', () => {
    expect(
      portfolio({ student: '林語彤', 學校: '示範高中', 群: '電機與電子群', 班級: 302, defaults: { 主題: 'serif', 字型: { 一般: 'fonts/kai.ttf' } } }),
    ).toBe(true);
    expect(
      target({
        school: '臺科大',
        系所: '電機系',
        管道: '個人申請',
        招生學年度: '115 學年度',
        items: { C: '../performances/a.md', 'D-2': '../statements/a.md' },
        表A: { 自我推薦: '我……' },
      }),
    ).toBe(true);
  });

  it('flag what the loader rejects or warns about', () => {
    expect(portfolio({ 學校: '示範高中' })).toBe(false);
    expect(portfolio({ 學生: '林語彤', 預設: { 主題: 'comic' } })).toBe(false);
    expect(portfolio({ 學生: '林語彤', 學生姓名: '林語彤' })).toBe(false);
    expect(target({ 學校: '臺科大', 系所: '電機系', 管道: '甄選入學' })).toBe(false);
    expect(target({ 學校: '臺科大', 系所: '電機系', 管道: '甄選入學', 招生學年度: 115, 項目: { E: ['x.md'] } })).toBe(false);
  });

  it('describe each key in Chinese and name its other spellings', () => {
    const properties = portfolioJsonSchema().properties as Record<string, { description: string }>;
    expect(properties.學生!.description).toContain('學生姓名（必填）');
    expect(properties.學生!.description).toContain('也可寫作：姓名、student');
    expect(properties.student!.description).toContain('也可寫作：學生、姓名');
  });
});
