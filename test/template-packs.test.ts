import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32, deflateRawSync } from 'node:zlib';
import { parsePdf } from './helpers/pdf.js';

const cli = join(import.meta.dirname, '..', 'dist', 'licheng', 'main.cjs');
const run = (args: string[], cwd: string) => spawnSync(process.execPath, [cli, ...args], { cwd, encoding: 'utf8' });

/** A 實習 pack as a vocational-school teacher writes it: headings of its own, a required safety section, a preset team. */
const manifest = `name: electrical-practice
description: 電機實習成果範本
kinds: [course]
defaults:
  科目名稱: 電工實習
  類別: B-1
sections:
  說明: [實習目的]
  過程: [電路設計與接線]
required: [說明, 過程, 心得與反思, 安全注意事項]
team:
  - 姓名: 組員甲
    工作內容: （請填寫你負責的工作）
    貢獻度: 50
    本人: true
  - 姓名: 組員乙
    工作內容: （請填寫組員乙負責的工作）
    貢獻度: 50
`;
const template = (safety: boolean) => `---
成果名稱: {{yaml title}}
類別: {{category}}
科目名稱: {{yaml course}}
學年度: {{year}}
學期: {{term}}
授課教師: {{yaml teacher}}
簡述: {{yaml summary}}
團隊:
{{#each team}}
  - 姓名: {{yaml name}}
    工作內容: {{yaml work}}
    貢獻度: {{share}}
{{#if self}}
    本人: true
{{/if}}
{{/each}}
---

## 實習目的

（請改寫：這次實習要完成的電路與目的。）

## 電路設計與接線

（請改寫：電路圖、接線步驟與量測結果。）
${safety ? '\n## 安全注意事項\n\n（請改寫：斷電、接地與量測時的注意事項。）\n' : ''}
## 心得與反思

（請改寫：寫出你學到了什麼。）

## 個人貢獻度

（請改寫：具體說明你負責的部分。）
`;

async function makePack(safety = true): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'licheng-pack-'));
  await mkdir(join(dir, 'electrical-practice'));
  await writeFile(join(dir, 'electrical-practice', 'licheng-pack.yaml'), manifest);
  await writeFile(join(dir, 'electrical-practice', 'course.md.hbs'), template(safety));
  return join(dir, 'electrical-practice');
}

/** A .zip as a teacher's computer makes it: one top folder, deflated entries. */
function zip(files: Record<string, string>): Buffer {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const [name, text] of Object.entries(files)) {
    const data = Buffer.from(text);
    const packed = deflateRawSync(data);
    const fileName = Buffer.from(name);
    const header = Buffer.alloc(30);
    header.writeUInt32LE(0x04034b50, 0);
    header.writeUInt16LE(20, 4);
    header.writeUInt16LE(0x800, 6);
    header.writeUInt16LE(8, 8);
    header.writeUInt32LE(crc32(data), 14);
    header.writeUInt32LE(packed.length, 18);
    header.writeUInt32LE(data.length, 22);
    header.writeUInt16LE(fileName.length, 26);
    const entry = Buffer.alloc(46);
    entry.writeUInt32LE(0x02014b50, 0);
    entry.writeUInt16LE(20, 4);
    entry.writeUInt16LE(20, 6);
    entry.writeUInt16LE(0x800, 8);
    entry.writeUInt16LE(8, 10);
    entry.writeUInt32LE(crc32(data), 16);
    entry.writeUInt32LE(packed.length, 20);
    entry.writeUInt32LE(data.length, 24);
    entry.writeUInt16LE(fileName.length, 28);
    entry.writeUInt32LE(offset, 42);
    locals.push(header, fileName, packed);
    central.push(entry, fileName);
    offset += header.length + fileName.length + packed.length;
  }
  const directory = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Object.keys(files).length, 8);
  end.writeUInt16LE(Object.keys(files).length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

async function studentPortfolio(): Promise<string> {
  const parent = await mkdtemp(join(tmpdir(), 'licheng-student-'));
  expect(run(['init', 'mine', '--student', '林語彤', '--school', '示範高中'], parent).status).toBe(0);
  return join(parent, 'mine');
}

describe('a teacher’s template pack', () => {
  it('declares its own headings, required sections and team: new succeeds and check reads the document with them', async () => {
    const pack = await makePack();
    const root = await studentPortfolio();
    const made = run(['new', 'course', 'courses/lab.md', '--template', pack], root);
    expect(made.status, made.stderr).toBe(0);
    const text = await readFile(join(root, 'courses', 'lab.md'), 'utf8');
    expect(text).toContain('範本: electrical-practice');
    expect(text).toContain('姓名: 林語彤');
    expect(existsSync(join(root, '.licheng', 'packs', 'electrical-practice', 'licheng-pack.yaml'))).toBe(true);
    const checked = run(['check', 'courses/lab.md'], root);
    expect(checked.stdout).not.toContain('section-missing');
    expect(checked.stdout).toMatch(/^courses\/lab\.md:\d+:\d+: warning: 範本的提示文字還有 \d+ 處/m);

    // The pack's required section is required of the student too.
    await writeFile(join(root, 'courses', 'lab.md'), text.replace(/## 安全注意事項[\s\S]*?(?=## 心得與反思)/, ''));
    expect(run(['check', 'courses/lab.md'], root).stdout).toContain('error: 缺少「安全注意事項」段落');
  });

  it('works as a .zip, and a zip that would write outside its folder is refused', async () => {
    const pack = await makePack();
    const root = await studentPortfolio();
    const archive = join(root, '..', 'electrical-practice.zip');
    await writeFile(
      archive,
      zip({ 'electrical-practice/licheng-pack.yaml': manifest, 'electrical-practice/course.md.hbs': await readFile(join(pack, 'course.md.hbs'), 'utf8') }),
    );
    expect(run(['new', 'course', 'courses/lab.md', '--template', archive], root).status).toBe(0);
    expect(run(['check', 'courses/lab.md'], root).stdout).not.toContain('section-missing');

    const evil = join(root, '..', 'evil.zip');
    await writeFile(evil, zip({ '../escaped.txt': 'x', 'licheng-pack.yaml': manifest }));
    const refused = run(['new', 'course', 'courses/evil.md', '--template', evil], root);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain('範本包壓縮檔');
    expect(existsSync(join(root, '..', '..', 'escaped.txt'))).toBe(false);
  });

  it('shipped with licheng is found by name from any folder', async () => {
    const root = await studentPortfolio();
    const made = run(['new', 'course', 'courses/pendulum.md', '--template', 'physics-inquiry'], root);
    expect(made.status, made.stderr).toBe(0);
    expect(await readFile(join(root, 'courses', 'pendulum.md'), 'utf8')).toContain('科目名稱: 物理探究與實作');
    const unknown = run(['new', 'course', 'courses/x.md', '--template', 'no-such-pack'], root);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain('licheng 內建的範本包：physics-inquiry');
  });

  it('is checked before it is handed out: `template check` builds a preview PDF and names what a student would meet', async () => {
    const pack = await makePack();
    const good = run(['template', 'check', pack], join(pack, '..'));
    expect(good.status, good.stdout + good.stderr).toBe(0);
    expect(good.stderr).toContain('範本包 electrical-practice 沒有問題');
    const pdf = await parsePdf(await readFile(join(pack, '..', 'electrical-practice-preview', 'out', 'courses', 'example-course.pdf')));
    expect(pdf.pageTexts.join('\n')).toContain('電路設計與接線');

    const lacking = await makePack(false);
    const bad = run(['template', 'check', lacking], join(lacking, '..'));
    expect(bad.status).toBe(1);
    expect(bad.stdout).toMatch(/error: 缺少「安全注意事項」段落.*\[section-missing\]/);
  });
});
