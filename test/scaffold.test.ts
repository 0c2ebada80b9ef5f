import { beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from '../src/build.js';
import { check } from '../src/check.js';
import { initPortfolio } from '../src/scaffold/init-portfolio.js';
import { newDocument } from '../src/scaffold/new-document.js';
import { ScaffoldError } from '../src/scaffold/scaffold-error.js';
import { jsonSchemaFiles } from '../src/schema/json-schemas.js';

const physics = join(import.meta.dirname, '..', 'templates', 'packs', 'physics-inquiry');
const cli = join(import.meta.dirname, '..', 'dist', 'licheng', 'main.cjs');
const run = (args: string[], cwd: string) => spawnSync(process.execPath, [cli, ...args], { cwd, encoding: 'utf8' });
/** March 2025: 113 學年度第 2 學期, admissions of 114. */
const now = new Date(2025, 2, 10);
const temp = () => mkdtemp(join(tmpdir(), 'licheng-scaffold-'));
const errorsOf = (diagnostics: readonly { severity: string }[]) => diagnostics.filter((d) => d.severity === 'error');
const read = (path: string) => readFile(path, 'utf8');

async function scaffoldError(promise: Promise<unknown>): Promise<ScaffoldError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ScaffoldError);
  return error as ScaffoldError;
}

const everyFile = [
  'portfolio.yaml',
  'courses/example-team-project.md',
  'courses/example-course.md',
  'performances/example-club.md',
  'summary.md',
  'statements/example.md',
  'targets/example.yaml',
  'media/README.md',
  '.vscode/tasks.json',
  '.gitignore',
  '.licheng/schemas/portfolio.schema.json',
  '.licheng/schemas/target.schema.json',
];

describe('licheng init', () => {
  let root: string;
  beforeAll(async () => {
    root = await temp();
  });

  it('scaffolds one example of every kind, and every one builds to a PDF without errors', async () => {
    const result = await initPortfolio(root, { student: '林語彤', school: '示範高中', now });
    expect(result).toEqual({ written: everyFile, skipped: [] });
    const built = await build([root], { cwd: root });
    expect(errorsOf(built.diagnostics)).toEqual([]);
    const pdfs = built.portfolios[0]!.documents.map((d) => d.pdf?.path).sort();
    expect(pdfs).toEqual([
      'courses/example-course.pdf',
      'courses/example-team-project.pdf',
      'performances/example-club.pdf',
      'statements/example.pdf',
      'summary.pdf',
    ]);
    for (const pdf of pdfs) expect(existsSync(join(root, 'out', pdf!))).toBe(true);
  });

  it('leaves no variable unfilled: limits are quoted from the limits table', async () => {
    for (const file of everyFile.filter((f) => /\.(md|yaml)$/.test(f))) expect(await read(join(root, file)), file).not.toMatch(/undefined|\{\{|：\s字|為\s字/);
    expect(await read(join(root, 'courses', 'example-course.md'))).toContain('# 簡述：100 字以內');
    expect(await read(join(root, 'summary.md'))).toContain('上限為 800 字、3 張圖片');
  });

  it('writes a target of 甄選入學 that chooses the examples and passes its channel rules', async () => {
    const target = await read(join(root, 'targets', 'example.yaml'));
    expect(target).toContain('管道: 甄選入學\n招生學年度: 114\n');
    expect(target).toContain('  B-1:\n    - ../courses/example-team-project.md\n');
    const checked = await check([root], { cwd: root });
    expect(errorsOf(checked.diagnostics)).toEqual([]);
    expect(checked.targets).toBe(1);
  });

  it('fills the student, the school year and a team whose shares add up, in Chinese keys', async () => {
    expect(await read(join(root, 'portfolio.yaml'))).toContain('學生: 林語彤\n學校: 示範高中\n');
    const team = await read(join(root, 'courses', 'example-team-project.md'));
    expect(team).toContain('類別: B-1\n科目名稱: 專題實作\n學年度: 113\n學期: 2\n');
    expect(team).toContain('  - 姓名: 林語彤\n    工作內容: （請填寫你負責的工作）\n    貢獻度: 40\n    本人: true\n');
    expect(team).toMatch(/## 個人貢獻度\n\n<!--\n[\s\S]*表格以外，你具體做了什麼/);
    const statement = await read(join(root, 'statements', 'example.md'));
    for (const heading of ['學習歷程反思', '就讀動機', '未來學習計畫與生涯規劃']) expect(statement).toContain(`## ${heading}\n`);
    expect(statement).toContain('報考校系: ../targets/example.yaml');
  });

  it('points yaml-language-server at the JSON schemas it writes beside them', async () => {
    expect((await read(join(root, 'portfolio.yaml'))).split('\n')[0]).toBe('# yaml-language-server: $schema=.licheng/schemas/portfolio.schema.json');
    expect((await read(join(root, 'targets', 'example.yaml'))).split('\n')[0]).toBe('# yaml-language-server: $schema=../.licheng/schemas/target.schema.json');
    const schemas = jsonSchemaFiles();
    expect(await read(join(root, '.licheng', 'schemas', 'portfolio.schema.json'))).toBe(schemas['portfolio.schema.json']);
    expect(await read(join(root, '.licheng', 'schemas', 'target.schema.json'))).toBe(schemas['target.schema.json']);
  });

  it('never overwrites: a second init skips every existing file and reports it', async () => {
    const mine = '學生: 我自己改過的名字\n';
    await writeFile(join(root, 'portfolio.yaml'), mine);
    const again = await initPortfolio(root, { now });
    expect(again).toEqual({ written: [], skipped: everyFile });
    expect(await read(join(root, 'portfolio.yaml'))).toBe(mine);
  });

  it('leaves no temporary files behind', async () => {
    const names = await readdir(root, { recursive: true });
    expect(names.filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });
});

describe('licheng new', () => {
  it.each([
    ['course', 'courses/new-course.md', 'courses/new-course.pdf'],
    ['performance', 'performances/new-club.md', 'performances/new-club.pdf'],
    ['summary', 'summary.md', 'summary.pdf'],
    ['statement', 'statements/new.md', 'statements/new.pdf'],
  ])('%s: writes exactly one file, which builds without errors', async (kind, file, pdf) => {
    const root = await temp();
    await writeFile(join(root, 'portfolio.yaml'), '學生: 林語彤\n');
    const { path } = await newDocument(kind, join(root, file), { now });
    expect(path).toBe(join(root, file));
    expect((await readdir(root, { recursive: true })).sort()).toEqual(
      ['portfolio.yaml', ...file.split('/').map((_, i, parts) => parts.slice(0, i + 1).join('/'))].sort(),
    );
    const built = await build([path], { cwd: root });
    expect(errorsOf(built.diagnostics)).toEqual([]);
    expect(existsSync(join(root, 'out', pdf))).toBe(true);
  });

  it('target: pre-fills 項目 with the portfolio documents, within the channel caps, and passes check', async () => {
    const root = await temp();
    await initPortfolio(root, { now });
    const { path } = await newDocument('target', join(root, 'targets', 'ntust'), { now });
    expect(path).toBe(join(root, 'targets', 'ntust.yaml'));
    const text = await read(path);
    expect(text).toContain(
      '  B-1:\n    - ../courses/example-team-project.md\n  B-2:\n    - ../courses/example-course.md\n  C:\n    - ../performances/example-club.md\n  D-1: ../summary.md\n',
    );
    expect(errorsOf((await check([root], { cwd: root })).diagnostics)).toEqual([]);
  });

  it('names the kind (種類) when the file is outside its folder, so it still builds as one', async () => {
    const root = await temp();
    await writeFile(join(root, 'portfolio.yaml'), '學生: 林語彤\n');
    const { path } = await newDocument('course', join(root, 'my-course'), { now });
    expect(await read(path)).toMatch(/^---\n種類: 課程學習成果\n/);
    const built = await build([path], { cwd: root });
    expect(errorsOf(built.diagnostics)).toEqual([]);
    expect(built.portfolios[0]!.documents[0]!.pdf).toBeDefined();
  });

  it('refuses to overwrite an existing file, an unknown kind and a wrong extension', async () => {
    const root = await temp();
    const file = join(root, 'courses', 'mine.md');
    await mkdir(join(root, 'courses'));
    await writeFile(file, 'my own work');
    const exists = await scaffoldError(newDocument('course', file));
    expect(exists.code).toBe('file-exists');
    expect(exists.message).toBe(`${file} 已經存在，不會覆寫；請換一個檔名，或先移走舊檔`);
    expect(await read(file)).toBe('my own work');
    const kind = await scaffoldError(newDocument('essay', join(root, 'x.md')));
    expect(kind.text('en')).toBe('unknown document kind essay; use one of course, performance, summary, statement, target');
    expect((await scaffoldError(newDocument('target', join(root, 'targets', 'x.md')))).code).toBe('file-extension');
  });
});

describe('template packs', () => {
  it('replace the built-in course template, fill its defaults and add the teacher’s questions', async () => {
    const root = await temp();
    await writeFile(join(root, 'portfolio.yaml'), '學生: 林語彤\n');
    const { path } = await newDocument('course', join(root, 'courses', 'pendulum.md'), { template: physics, now });
    const text = await read(path);
    expect(text).toContain('科目名稱: 物理探究與實作\n');
    expect(text).toContain('授課教師: 李明哲\n');
    expect(text).toContain('學分數: 2\n');
    expect(text).toContain('- 你的操縱變因、應變變因與控制變因各是什麼？\n');
    expect(text).toContain('## 表達與分享\n');
    const built = await build([path], { cwd: root });
    expect(errorsOf(built.diagnostics)).toEqual([]);
  });

  it('apply to init: both example courses come from the pack and still build', async () => {
    const root = await temp();
    await initPortfolio(root, { template: physics, now });
    for (const name of ['example-team-project.md', 'example-course.md']) {
      const text = await read(join(root, 'courses', name));
      expect(text).toContain('科目名稱: 物理探究與實作\n');
      expect(text).toContain('### 規劃與研究\n');
    }
    expect(await read(join(root, 'courses', 'example-team-project.md'))).toContain('## 個人貢獻度\n');
    // Kinds the pack does not provide keep the built-in template.
    expect(await read(join(root, 'performances', 'example-club.md'))).toContain('## 活動參與歷程\n');
    expect(errorsOf((await build([root], { cwd: root })).diagnostics)).toEqual([]);
  });

  async function badPack(files: Record<string, string>): Promise<string> {
    const dir = await temp();
    for (const [name, text] of Object.entries(files)) await writeFile(join(dir, name), text);
    return dir;
  }

  it('are validated: a bad pack is a clear error naming the file and what is wrong', async () => {
    const out = join(await temp(), 'c.md');
    const noManifest = await badPack({ 'course.md.hbs': '' });
    const missing = await scaffoldError(newDocument('course', out, { template: noManifest }));
    expect(missing.code).toBe('pack-missing');
    expect(missing.message).toBe(`「${noManifest}」不是範本包：找不到 licheng-pack.yaml（或 .yml、.json）`);

    const unknownDefault = await badPack({ 'licheng-pack.yaml': 'name: x\ndefaults:\n  老師: 王\n' });
    const wrongDefault = await scaffoldError(newDocument('course', out, { template: unknownDefault }));
    expect(wrongDefault.code).toBe('pack-invalid');
    expect(wrongDefault.message).toContain(`${join(unknownDefault, 'licheng-pack.yaml')} 有誤：defaults 中不認得的變數「老師」`);
    expect(wrongDefault.text('en')).toContain('unknown variable 老師 in defaults');

    const noName = await scaffoldError(newDocument('course', out, { template: await badPack({ 'licheng-pack.json': '{"kinds": ["essay"]}' }) }));
    expect(noName.text('en')).toMatch(/name: Invalid input: expected string, received undefined；kinds\.0: Invalid option/);
    expect(noName.message).toContain('name: 無效的輸入值');

    const unlistedSection = await scaffoldError(
      newDocument('course', out, { template: await badPack({ 'licheng-pack.yaml': 'name: x\nquestions:\n  結論: [為什麼？]\n' }) }),
    );
    expect(unlistedSection.message).toContain('questions 中不認得的段落「結論」');

    const unlistedTemplate = await scaffoldError(
      newDocument('course', out, { template: await badPack({ 'licheng-pack.yaml': 'name: x\nkinds: [performance]\n', 'course.md.hbs': '' }) }),
    );
    expect(unlistedTemplate.message).toContain('範本 course.md.hbs 沒有列在 kinds 中');

    const brokenYaml = await scaffoldError(newDocument('course', out, { template: await badPack({ 'licheng-pack.yaml': 'name: [x\n' }) }));
    expect(brokenYaml.code).toBe('pack-invalid');

    const brokenTemplate = await badPack({ 'licheng-pack.yaml': 'name: x\n', 'course.md.hbs': '{{#if title}}no end' });
    const syntax = await scaffoldError(newDocument('course', out, { template: brokenTemplate }));
    expect(syntax.code).toBe('template-invalid');
    expect(syntax.message).toContain(join(brokenTemplate, 'course.md.hbs'));
    expect(existsSync(out)).toBe(false);
    const half = join(await temp(), 'p');
    expect((await scaffoldError(initPortfolio(half, { template: brokenTemplate }))).code).toBe('template-invalid');
    expect(existsSync(half)).toBe(false);
  });
});

describe('licheng init / new (CLI)', () => {
  it('init exits 0, lists what it created, then what it skipped', async () => {
    const cwd = await temp();
    const first = run(['init', 'p', '--student', '林語彤'], cwd);
    expect(first.status).toBe(0);
    expect(first.stdout).toContain(`已建立 ${join('p', 'courses', 'example-team-project.md')}\n`);
    const second = run(['init', 'p', '--lang', 'en'], cwd);
    expect(second.status).toBe(0);
    expect(second.stdout).toContain(`exists, skipped ${join('p', 'portfolio.yaml')}\n`);
    expect(JSON.parse(run(['init', 'p', '--format', 'json'], cwd).stdout).written).toEqual([]);
  });

  it('new exits 0 once, then 2 for an existing file, an unknown kind, missing arguments or a bad pack', async () => {
    const cwd = await temp();
    expect(run(['new', 'course', 'courses/a.md', '--template', physics], cwd).status).toBe(0);
    const again = run(['new', 'course', 'courses/a.md'], cwd);
    expect(again.status).toBe(2);
    expect(again.stderr).toBe(`licheng: courses/a.md 已經存在，不會覆寫；請換一個檔名，或先移走舊檔\n`);
    const kind = run(['new', 'essay', 'x.md', '--lang', 'en'], cwd);
    expect(kind.status).toBe(2);
    expect(kind.stderr).toContain('unknown document kind essay');
    expect(run(['new', 'course'], cwd).status).toBe(2);
    const pack = run(['new', 'course', 'b.md', '--template', 'no-such-pack'], cwd);
    expect(pack.status).toBe(2);
    expect(pack.stderr).not.toMatch(/\n\s+at /);
  });

  it('the problem matcher of the scaffolded .vscode/tasks.json reads licheng’s diagnostic lines', async () => {
    const root = await temp();
    await initPortfolio(root, { now });
    const course = join(root, 'courses', 'example-course.md');
    await writeFile(course, (await read(course)).replace('學期: 2', '學期: 3'));
    const tasks = JSON.parse(await read(join(root, '.vscode', 'tasks.json')));
    const labels = tasks.tasks.map((t: { label: string }) => t.label);
    expect(labels).toEqual(['licheng: check', 'licheng: build']);
    const { pattern } = tasks.tasks[0].problemMatcher;
    const result = run(['check', '.'], root);
    expect(result.status).toBe(1);
    const line = result.stdout.split('\n').find((l) => l.includes('[key-type]'))!;
    const match = new RegExp(pattern.regexp).exec(line)!;
    expect(match[pattern.file]).toBe(join('courses', 'example-course.md'));
    expect(Number(match[pattern.line])).toBeGreaterThan(1);
    expect(match[pattern.column]).toBe('1');
    expect(match[pattern.severity]).toBe('error');
    expect(match[pattern.message]).toBe('欄位「學期」的值不正確；應為 1 或 2');
    expect(match[pattern.code]).toBe('key-type');
  });
});
