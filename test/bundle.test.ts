import { beforeAll, describe, expect, it } from 'vitest';
import { cp, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { degrees, PDFArray, PDFDict, PDFDocument, PDFName, PDFRef, StandardFonts } from 'pdf-lib';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import sharp from 'sharp';
import { pack, type PackResult } from '../src/pack/pack.js';
import { formatDiagnostic } from '../src/diagnostics.js';
import { courseMarkdown, makePortfolio, sections } from './helpers/portfolio.js';
import { parsePdf, type ParsedPdf } from './helpers/pdf.js';

const example = join(import.meta.dirname, '..', 'examples', 'portfolio');

async function copyOfExample(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'licheng-bundle-'));
  await cp(example, dir, { recursive: true, filter: (src) => !src.includes(`${join('portfolio', 'out')}`) });
  return dir;
}

/** The example with a second course in B-1, so B-1.pdf is a merged file with a contents page. */
async function twoCourses(): Promise<string> {
  const root = await copyOfExample();
  const course = await readFile(join(root, 'courses', 'smart-watering.md'), 'utf8');
  await writeFile(join(root, 'courses', 'second.md'), course.replace('以 Arduino 打造的智慧澆花系統', '校園用電監測看板'));
  const target = await readFile(join(root, 'targets', 'ntust-ee.yaml'), 'utf8');
  await writeFile(
    join(root, 'targets', 'ntust-ee.yaml'),
    target.replace('    - ../courses/smart-watering.md', '    - ../courses/smart-watering.md\n    - ../courses/second.md'),
  );
  return root;
}

/** Each link annotation of a page, as the index of the page it jumps to. */
async function internalLinks(data: Buffer, page: number): Promise<number[]> {
  const document = await PDFDocument.load(data);
  const refs = document.getPages().map((p) => p.ref.toString());
  const annotations = document.getPages()[page]!.node.Annots()?.asArray() ?? [];
  return annotations.flatMap((a) => {
    const dest = document.context.lookup(a, PDFDict).lookupMaybe(PDFName.of('Dest'), PDFArray);
    const target = dest?.get(0);
    return target instanceof PDFRef ? [refs.indexOf(target.toString())] : [];
  });
}

describe('a merged category file', () => {
  let root: string;
  let result: PackResult;
  let data: Buffer;
  let b1: ParsedPdf;

  beforeAll(async () => {
    root = await twoCourses();
    result = await pack([root], { cwd: root });
    data = await readFile(join(root, 'out', 'targets', 'ntust-ee', 'B-1.pdf'));
    b1 = await parsePdf(data);
  });

  it('numbers its pages as the contents does, and the contents rows jump to the items', async () => {
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    // Contents: item 1 on pages 2–4, item 2 on 5–7; every page says where it is in the whole file.
    expect(b1.pageTexts[0]).toMatch(/1\s*以 Arduino 打造的智慧澆花系統\s*2–4\s*3[\s\S]*2\s*校園用電監測看板\s*5–7\s*3/);
    b1.pageTexts.forEach((text, i) => expect(text).toContain(`全檔第 ${i + 1} 頁／共 ${b1.pages} 頁`));
    expect(b1.pageTexts[4]).toContain('校園用電監測看板');
    expect(b1.pageTexts[4]).toContain('第 1 頁／共 3 頁');
    expect([...new Set(await internalLinks(data, 0))]).toEqual([1, 4]);
  });

  it('has a contents page that says whose file it is and for which department', () => {
    const contents = b1.pageTexts[0]!;
    for (const fact of [
      '林語彤',
      '臺北市立示範高級工業職業學校',
      '電機與電子群 資訊科',
      '三年二班',
      '國立臺灣科技大學',
      '電機工程系',
      '甄選入學',
      'B-1 專題實作及實習科目學習成果',
    ]) {
      expect(contents).toContain(fact);
    }
    expect(contents).toMatch(/11[45] 學年度/);
  });

  it('is byte-identical when packed again', async () => {
    await pack([root], { cwd: root });
    expect((await readFile(join(root, 'out', 'targets', 'ntust-ee', 'B-1.pdf'))).equals(data)).toBe(true);
  });
});

describe('表A and the checklist', () => {
  let bundle: string;

  beforeAll(async () => {
    const root = await copyOfExample();
    await pack([root], { cwd: root });
    bundle = join(root, 'out', 'targets', 'ntust-ee');
  });

  it('表A gives the student’s 科別 and class and lists the items submitted, with their 簡述', async () => {
    const d3 = await parsePdf(await readFile(join(bundle, 'D-3.pdf')));
    const formA = d3.pageTexts.join('\n').split('表B 課程學習成果工作內容與貢獻度表')[0]!.replace(/\s+/g, '');
    expect(formA).toContain('科別／班級電機與電子群資訊科三年二班');
    expect(formA).toContain('本次提交的項目');
    // The item's title may wrap in its column (widths from content), its lines interleaving with the summary's.
    expect(formA).toMatch(/B-1以Arduino打造的(智慧澆花系統)?我們三人以Arduino與土壤濕度感測器製作自動澆花系統.*智慧澆花系統/);
    expect(formA).toContain('自我推薦');
  });

  it('the checklist names the school and department once, in its title', async () => {
    const checklist = await parsePdf(await readFile(join(bundle, 'checklist.pdf')));
    // The first line of each page is the running header.
    const body = checklist.pageTexts.map((page) => page.replace(/^.*\n/, '')).join('\n');
    expect(body.split('國立臺灣科技大學 電機工程系').length - 1).toBe(1);
    expect(body).toContain('甄選入學');
    expect(await readFile(join(bundle, 'checklist.md'), 'utf8')).not.toContain('國立臺灣科技大學');
  });
});

describe('attached PDF pages', () => {
  it('carry the running header and page numbers, in a 多元表現 and in D-3, the same bytes every time', async () => {
    const root = await copyOfExample();
    const target = await readFile(join(root, 'targets', 'ntust-ee.yaml'), 'utf8');
    await writeFile(join(root, 'targets', 'ntust-ee.yaml'), target.replace('表A:', '  D-3:\n    - ../media/award-letter.pdf\n表A:'));
    const result = await pack([root], { cwd: root });
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const bundle = join(root, 'out', 'targets', 'ntust-ee');
    const c = await parsePdf(await readFile(join(bundle, 'C.pdf')));
    const letter = c.pageTexts.findIndex((text) => text.includes('Letter of Award'));
    expect(letter).toBeGreaterThan(0);
    expect(c.lines[letter]![0]!.text).toMatch(/^林語彤・臺北市立示範高級工業職業學校\s*臺北市青少年創客競賽/);
    expect(c.pageTexts[letter]).toContain(`第 ${letter + 1} 頁／共 ${c.pages} 頁`);
    const d3Data = await readFile(join(bundle, 'D-3.pdf'));
    const d3 = await parsePdf(d3Data);
    const attached = d3.pageTexts.length - 1;
    expect(d3.pageTexts[attached]).toContain('Letter of Award');
    expect(d3.lines[attached]![0]!.text).toMatch(/^林語彤・臺北市立示範高級工業職業學校\s*award-letter\.pdf/);
    expect(d3.pageTexts[attached]).toContain('第 1 頁／共 1 頁');
    expect(d3.pageTexts[attached]).toContain(`全檔第 ${d3.pages} 頁／共 ${d3.pages} 頁`);
    const cData = await readFile(join(bundle, 'C.pdf'));
    await pack([root], { cwd: root });
    expect((await readFile(join(bundle, 'C.pdf'))).equals(cData)).toBe(true);
    expect((await readFile(join(bundle, 'D-3.pdf'))).equals(d3Data)).toBe(true);
  });
});

describe('an error in portfolio.yaml', () => {
  it('blocks the bundle as an error in one of its documents does, and is reported once', async () => {
    const root = await copyOfExample();
    const portfolio = await readFile(join(root, 'portfolio.yaml'), 'utf8');
    await writeFile(join(root, 'portfolio.yaml'), portfolio.replace('主題: sans', '主題: comic'));
    // Without a team, no document depends on who the student is: only the rule can block the bundle.
    const course = await readFile(join(root, 'courses', 'smart-watering.md'), 'utf8');
    await writeFile(join(root, 'courses', 'smart-watering.md'), course.replace(/團隊:\n( {2}.*\n)+/, ''));
    const result = await pack([root], { cwd: root });
    const errors = result.diagnostics.filter((d) => d.severity === 'error');
    expect(errors.map((d) => `${d.file}:${d.line} ${d.ruleId}`)).toEqual(['portfolio.yaml:7 key-type']);
    expect(result.bundles[0]!.ok).toBe(false);
    expect(existsSync(join(root, 'out', 'targets', 'ntust-ee'))).toBe(false);
  });
});

describe('a merged category file over the cap', () => {
  const target = '學校: 測試大學\n系所: 電機工程系\n管道: 甄選入學\n招生學年度: 114\n項目:\n  B-1:\n    - ../courses/a.md\n    - ../courses/b.md\n';
  /** A photo of noise: it compresses poorly, so its quality decides the PDF's size. */
  const photo = (seed: number) => {
    const pixels = Buffer.alloc(600 * 400 * 3);
    for (let i = 0, x = seed; i < pixels.length; i++) pixels[i] = x = (x * 1103515245 + 12345) & 0xff;
    return sharp(pixels, { raw: { width: 600, height: 400, channels: 3 } })
      .jpeg({ quality: 95 })
      .toBuffer();
  };
  const course = (title: string, image?: string) =>
    courseMarkdown(sections.replace('過程文字。', image ? `過程文字。\n\n![實驗照片](../media/${image})` : '過程文字。'), { 類別: 'B-1', 成果名稱: title });

  it('has its photos compressed until it fits', async () => {
    const root = await makePortfolio({
      'courses/a.md': course('甲', 'a.jpg'),
      'courses/b.md': course('乙', 'b.jpg'),
      'media/a.jpg': await photo(1),
      'media/b.jpg': await photo(2),
      'targets/t.yaml': target,
    });
    const sizes = await pack([root], { cwd: root });
    expect(sizes.bundles[0]!.ok).toBe(true);
    const items = sizes.bundles[0]!.files.filter((f) => f.name.startsWith('items/')).map((f) => f.bytes);
    const maxBytes = Math.round(Math.max(...items) * 1.3);
    const result = await pack([root], { cwd: root, maxBytes });
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const b1 = result.bundles[0]!.files.find((f) => f.name === 'B-1.pdf')!;
    expect(b1.bytes).toBeLessThanOrEqual(maxBytes);
    expect((await parsePdf(await readFile(join(root, 'out', 'targets', 't', 'B-1.pdf')))).outline.map((o) => o.title)).toEqual(['甲', '乙']);
  });

  it('that cannot fit names the items to take out, the largest first', async () => {
    // Text only: nothing to compress. 乙 has more text, more glyphs: it is the larger.
    const longer = courseMarkdown(sections.replace('過程文字。', '電流、電壓、電阻、功率與能量的量測紀錄。'.repeat(40)), { 類別: 'B-1', 成果名稱: '乙' });
    const root = await makePortfolio({ 'courses/a.md': course('甲'), 'courses/b.md': longer, 'targets/t.yaml': target });
    const sizes = await pack([root], { cwd: root });
    const items = sizes.bundles[0]!.files.filter((f) => f.name.startsWith('items/')).map((f) => f.bytes);
    expect(items[1]).toBeGreaterThan(items[0]!);
    const result = await pack([root], { cwd: root, maxBytes: items[1]! + 1000 });
    const over = result.diagnostics.find((d) => d.ruleId === 'bundle-over-cap')!;
    expect(over.args.items).toMatch(/^乙（[\d.]+ MB）$/);
    expect(formatDiagnostic(over, 'zh')).toContain('MB');
    expect(result.bundles[0]!.ok).toBe(false);
  });
});

describe('an attached PDF page with /Rotate (a landscape scan)', () => {
  it('is drawn into its frame turned as a reader sees it, upright and within the margins', async () => {
    const scan = await PDFDocument.create();
    const page = scan.addPage([595, 842]);
    const font = await scan.embedFont(StandardFonts.Helvetica);
    // Written along the long side, shown upright once the page is turned 90° clockwise.
    page.drawText('Landscape award', { x: 100, y: 100, size: 40, font, rotate: degrees(90) });
    page.setRotation(degrees(90));
    const root = await copyOfExample();
    await writeFile(join(root, 'media', 'scan.pdf'), await scan.save());
    const target = await readFile(join(root, 'targets', 'ntust-ee.yaml'), 'utf8');
    await writeFile(join(root, 'targets', 'ntust-ee.yaml'), target.replace('表A:', '  D-3:\n    - ../media/scan.pdf\n表A:'));
    const result = await pack([root], { cwd: root });
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const d3 = await getDocument({ data: new Uint8Array(await readFile(join(root, 'out', 'targets', 'ntust-ee', 'D-3.pdf'))), verbosity: 0 }).promise;
    const last = await d3.getPage(d3.numPages);
    const item = (await last.getTextContent()).items.find((i) => 'str' in i && i.str === 'Landscape award') as { transform: number[] } | undefined;
    const [a, b, , , x, y] = item!.transform;
    expect(a).toBeGreaterThan(0);
    expect(Math.abs(b!)).toBeLessThan(0.01);
    expect(x).toBeGreaterThanOrEqual(56);
    expect(y).toBeGreaterThanOrEqual(56);
  });
});
