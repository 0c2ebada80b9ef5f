import { beforeAll, describe, expect, it } from 'vitest';
import { cp, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pack, type PackResult } from '../src/pack/pack.js';
import { build } from '../src/build.js';
import { parsePdf } from './helpers/pdf.js';

const example = join(import.meta.dirname, '..', 'examples', 'portfolio');

async function copyOfExample(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'licheng-pack-'));
  await cp(example, dir, { recursive: true, filter: (src) => !src.includes(`${join('portfolio', 'out')}`) });
  return dir;
}

describe('licheng pack on the example portfolio', () => {
  let root: string;
  let result: PackResult;
  let bundle: string;

  beforeAll(async () => {
    root = await copyOfExample();
    result = await pack([root], { cwd: root });
    bundle = join(root, 'out', 'targets', 'ntust-ee');
  });

  it('packs without errors: one PDF per category code, the items, a checklist and a manifest', () => {
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(result.bundles[0]!.ok).toBe(true);
    for (const file of ['B-1.pdf', 'B-2.pdf', 'C.pdf', 'D-1.pdf', 'D-2.pdf', 'D-3.pdf', 'checklist.md', 'checklist.pdf', 'manifest.json']) {
      expect(existsSync(join(bundle, file)), file).toBe(true);
    }
    for (const f of result.bundles[0]!.files) expect(f.bytes).toBeLessThanOrEqual(4_000_000);
  });

  it('puts every item’s text in its category PDF, with a bookmark per item', async () => {
    const b1 = await parsePdf(await readFile(join(bundle, 'B-1.pdf')));
    expect(b1.pageTexts.join('\n')).toContain('土壤濕度低於 45% 時自動啟動水泵');
    expect(b1.outline.map((o) => o.title)).toEqual(['以 Arduino 打造的智慧澆花系統']);
    const c = await parsePdf(await readFile(join(bundle, 'C.pdf')));
    expect(c.pageTexts.join('\n')).toContain('臺北市青少年創客競賽');
    // The award letter (an evidence PDF) is appended as a page of the 多元表現.
    expect(c.pageTexts.join('\n')).toContain('Letter of Award');
  });

  it('fills 表B from the courses’ team data, and 表A from the target', async () => {
    const d3 = await parsePdf(await readFile(join(bundle, 'D-3.pdf')));
    expect(d3.outline.map((o) => o.title)).toEqual(['表A 自我推薦摘要表', '表B 課程學習成果工作內容與貢獻度表']);
    const text = d3.pageTexts.join('\n');
    expect(text).toContain('我擅長把想法做成能運作的作品');
    expect(text).toMatch(/林語彤（本人）\s*感測器校正、程式撰寫與資料分析\s*40%/);
    expect(text).toMatch(/張家豪\s*電路焊接與外殼設計\s*35%/);
    expect(text).toMatch(/王品涵\s*文獻整理、簡報與教學手冊排版\s*25%/);
    expect(text).toMatch(/林語彤（本人）\s*獨立完成\s*100%/);
  });

  it('writes a checklist with counts against caps and every 簡述 ready to copy', async () => {
    const checklist = await readFile(join(bundle, 'checklist.md'), 'utf8');
    expect(checklist).toContain('| B-1 | 1 | 3（至少 1） |');
    expect(checklist).toContain('我們三人以 Arduino 與土壤濕度感測器製作自動澆花系統');
    const manifest = JSON.parse(await readFile(join(bundle, 'manifest.json'), 'utf8'));
    expect(manifest.items.map((i: { code: string }) => i.code)).toEqual(['B-1', 'B-2', 'C', 'D-1', 'D-2']);
  });

  it('reuses the PDFs of a build just made, to the same bytes', async () => {
    const other = await copyOfExample();
    const built = await build([other], { cwd: other });
    await pack([other], { cwd: other, built });
    for (const name of ['B-1.pdf', 'C.pdf', 'D-2.pdf', 'items/B-2-1-english-speech.pdf']) {
      const reused = await readFile(join(other, 'out', 'targets', 'ntust-ee', name));
      expect(reused.equals(await readFile(join(bundle, name))), name).toBe(true);
    }
  });

  it('is byte-identical when packed twice', async () => {
    const first = await readFile(join(bundle, 'B-1.pdf'));
    await pack([root], { cwd: root });
    expect((await readFile(join(bundle, 'B-1.pdf'))).equals(first)).toBe(true);
  });
});

describe('a category with several items', () => {
  it('gets a contents page, then each item from a new page with its bookmark', async () => {
    const root = await copyOfExample();
    const course = await readFile(join(root, 'courses', 'smart-watering.md'), 'utf8');
    await writeFile(join(root, 'courses', 'second.md'), course.replace('以 Arduino 打造的智慧澆花系統', '校園用電監測看板'));
    const target = await readFile(join(root, 'targets', 'ntust-ee.yaml'), 'utf8');
    await writeFile(
      join(root, 'targets', 'ntust-ee.yaml'),
      target.replace('    - ../courses/smart-watering.md', '    - ../courses/smart-watering.md\n    - ../courses/second.md'),
    );
    const result = await pack([root], { cwd: root });
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const b1 = await parsePdf(await readFile(join(root, 'out', 'targets', 'ntust-ee', 'B-1.pdf')));
    expect(b1.info.Title).toBe('B-1 專題實作及實習科目學習成果');
    expect(b1.outline.map((o) => o.title)).toEqual(['以 Arduino 打造的智慧澆花系統', '校園用電監測看板']);
    expect(b1.pageTexts[0]).toMatch(/目錄[\s\S]*1\s*以 Arduino 打造的智慧澆花系統\s*2–4[\s\S]*2\s*校園用電監測看板\s*5–7/);
    expect(b1.pageTexts[4]).toContain('校園用電監測看板');
  });
});

describe('a D-3 attachment that does not open', () => {
  it('is an error at its line in the target, and no bundle is half-made', async () => {
    const root = await copyOfExample();
    await writeFile(join(root, 'media', 'broken.pdf'), '%PDF-1.4\nthe download stopped here');
    const target = await readFile(join(root, 'targets', 'ntust-ee.yaml'), 'utf8');
    await writeFile(join(root, 'targets', 'ntust-ee.yaml'), target.replace('表A:', '  D-3:\n    - ../media/broken.pdf\n表A:'));
    const result = await pack([root], { cwd: root });
    expect(result.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.file}:${d.line}:${d.column} ${d.ruleId}`)).toEqual([
      'targets/ntust-ee.yaml:18:7 evidence-undecodable',
    ]);
    expect(result.bundles[0]!.ok).toBe(false);
  });
});

describe('target limits in pack', () => {
  it('refuses a cap looser than the channel, too many items, a duplicate and a wrong kind, at their lines', async () => {
    const root = await copyOfExample();
    await writeFile(
      join(root, 'targets', 'ntust-ee.yaml'),
      [
        '學校: 國立臺灣科技大學',
        '系所: 電機工程系',
        '管道: 甄選入學',
        '招生學年度: 114',
        '上限:',
        '  B-1: 5',
        '項目:',
        '  B-1:',
        '    - ../courses/smart-watering.md',
        '    - ../courses/english-speech.md',
        '  C:',
        '    - ../performances/maker-contest.md',
        '    - ../performances/maker-contest.md',
        '',
      ].join('\n'),
    );
    const result = await pack([root], { cwd: root });
    const found = result.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.file}:${d.line}:${d.column} ${d.ruleId}`);
    expect(found).toEqual([
      'targets/ntust-ee.yaml:6:3 cap-over-channel',
      'targets/ntust-ee.yaml:10:7 item-wrong-kind',
      'targets/ntust-ee.yaml:13:7 item-duplicate',
    ]);
    expect(result.bundles[0]!.ok).toBe(false);
    expect(existsSync(join(root, 'out', 'targets', 'ntust-ee', 'B-1.pdf'))).toBe(false);
  });
});
