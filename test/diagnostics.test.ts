import { describe, expect, it } from 'vitest';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import { build } from '../src/build.js';
import type { Diagnostic } from '../src/diagnostics.js';
import { parsePdf } from './helpers/pdf.js';
import { courseMarkdown, makePortfolio, sections } from './helpers/portfolio.js';

const at = (d: Diagnostic) => `${d.line}:${d.column} ${d.severity} ${d.ruleId}`;
const of = (diagnostics: Diagnostic[], file: string) => diagnostics.filter((d) => d.file.endsWith(file)).map(at);

describe('diagnostics with positions', () => {
  it('points a missing required key at the front matter and a bad value at its key', async () => {
    const md = '---\n成果名稱: 缺科目\n類別: B-9\n學年度: 一一二\n學期: 1\n簡述: 短。\n---\n\n' + sections;
    const root = await makePortfolio({ 'courses/bad.md': md });
    const { diagnostics } = await build([root]);
    expect(of(diagnostics, 'bad.md')).toEqual(['1:1 error key-required', '3:1 error category-invalid', '4:1 error key-type']);
  });

  it('reports a 簡述 over 100 characters at its key, counting code points', async () => {
    const long = '字'.repeat(99) + '🌱'.repeat(2);
    const root = await makePortfolio({ 'courses/long.md': courseMarkdown(sections, { 簡述: long }) });
    const { diagnostics } = await build([root]);
    expect(of(diagnostics, 'long.md')).toEqual(['7:1 error summary-too-long']);
    expect(diagnostics.find((d) => d.ruleId === 'summary-too-long')!.args).toMatchObject({ count: 101, over: 1 });
  });

  it('reports YAML syntax errors at their line, never a stack trace', async () => {
    const md = '---\n成果名稱: 好\n類別: [B-1\n---\n\n' + sections;
    const root = await makePortfolio({ 'courses/yaml.md': md });
    const { diagnostics } = await build([root]);
    const found = diagnostics.filter((d) => d.file.endsWith('yaml.md'));
    expect(found[0]).toMatchObject({ severity: 'error', ruleId: 'yaml-syntax' });
    expect(found[0]!.line).toBeGreaterThanOrEqual(3);
  });

  it('names missing sections and team problems', async () => {
    const md = courseMarkdown('## 課程說明\n\n說明。\n', {
      類別: 'B-1',
      團隊: '\n  - 姓名: 林語彤\n    工作內容: 程式\n    貢獻度: 50\n  - 姓名: 張家豪\n    工作內容: 電路\n    貢獻度: 30%',
    });
    const root = await makePortfolio({ 'courses/team.md': md });
    const { diagnostics } = await build([root]);
    expect(of(diagnostics, 'team.md')).toEqual([
      '8:1 error team-share-sum',
      '19:1 error section-missing',
      '19:1 error section-missing',
      '19:1 error section-missing',
    ]);
    expect(diagnostics.filter((d) => d.ruleId === 'section-missing').map((d) => d.args.section)).toEqual(['過程', '心得與反思', '個人貢獻度']);
  });

  it('reports a missing image, an image outside the portfolio and a corrupt image at the image', async () => {
    const body = sections + '\n![甲](../media/nope.jpg)\n\n![乙](../../outside.png)\n\n![丙](../media/broken.jpg)\n';
    const root = await makePortfolio({ 'courses/img.md': courseMarkdown(body), 'media/broken.jpg': Buffer.from([0xff, 0xd8, 0xff, 0x00, 1, 2, 3]) });
    const { diagnostics, portfolios } = await build([root]);
    expect(of(diagnostics, 'img.md')).toEqual(['22:1 error image-missing', '24:1 error image-outside', '26:1 error image-undecodable']);
    // A document with errors gets no PDF: one without its images would look finished.
    expect(portfolios[0]!.documents[0]!.pdf).toBeUndefined();
  });

  it('warns about a character no font has, at its column, and prints its code instead of tofu', async () => {
    const body = sections.replace('說明文字。', '說明文字\u{13000}完畢。');
    const root = await makePortfolio({ 'courses/emoji.md': courseMarkdown(body) });
    const { diagnostics } = await build([root]);
    expect(of(diagnostics, 'emoji.md')).toEqual(['12:5 warning glyph-missing']);
    const pdf = await parsePdf(await readFile(join(root, 'out', 'courses', 'emoji.pdf')));
    expect(pdf.pageTexts.join('')).toContain('說明文字[U+13000]完畢。');
  });

  it('turns empty, binary and non-UTF-8 files into diagnostics, and builds the other documents', async () => {
    const root = await makePortfolio({
      'courses/empty.md': '',
      'courses/binary.md': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0]),
      'courses/big5.md': Buffer.from([0xa7, 0x41, 0xa6, 0x6e]),
      'courses/good.md': courseMarkdown(sections),
      'courses/crlf.md': '\uFEFF' + courseMarkdown(sections).replace(/\n/g, '\r\n'),
    });
    const { diagnostics, portfolios } = await build([root]);
    expect(of(diagnostics, 'empty.md')).toEqual(['1:1 error file-empty']);
    expect(of(diagnostics, 'binary.md')).toEqual(['1:1 error file-binary']);
    expect(of(diagnostics, 'big5.md')).toEqual(['1:1 error file-encoding']);
    const built = portfolios[0]!.documents
      .filter((d) => d.pdf)
      .map((d) => d.source)
      .sort();
    expect(built).toEqual(['courses/crlf.md', 'courses/good.md']);
  });

  it('warns about unknown keys and accepts English and Chinese names alike', async () => {
    const md = '---\ntitle: English keys\ncategory: project\ncourse: 專題實作\nyear: 112\nterm: 2\nsummary: 簡述。\n心情: 好\n---\n\n' + sections;
    const root = await makePortfolio({ 'courses/en.md': md });
    const { diagnostics, portfolios } = await build([root]);
    expect(of(diagnostics, 'en.md')).toEqual(['8:1 warning key-unknown']);
    expect(portfolios[0]!.documents[0]).toMatchObject({ code: 'B-1', title: 'English keys' });
  });
});

describe('images in the PDF', () => {
  it('rotates by EXIF, strips metadata and downsamples to print resolution', async () => {
    // 4000×1000 stored, orientation 6: displayed as 1000 wide × 4000 tall.
    const photo = await sharp({ create: { width: 4000, height: 1000, channels: 3, background: '#3a7' } })
      .jpeg()
      .withMetadata({ orientation: 6 })
      .toBuffer();
    const root = await makePortfolio({ 'courses/photo.md': courseMarkdown(sections + '\n![直式照片](../media/photo.jpg)\n'), 'media/photo.jpg': photo });
    const { diagnostics } = await build([root]);
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const pdf = await readFile(join(root, 'out', 'courses', 'photo.pdf'));
    const raw = pdf.toString('latin1');
    const image = /\/Subtype \/Image[^>]*?\/Width (\d+)[^>]*?\/Height (\d+)|\/Height (\d+)[^>]*?\/Width (\d+)/s.exec(raw);
    expect(image).not.toBeNull();
    const width = Number(image![1] ?? image![4]);
    const height = Number(image![2] ?? image![3]);
    expect(height).toBeGreaterThan(width);
    // Placed at most 40 % of the text height (≈ 288 pt tall) → ≤ 300 dpi ≈ 1200 px, far below the 4000 px source.
    expect(height).toBeLessThanOrEqual(1250);
    expect(raw).not.toContain('Exif');
    expect((await stat(join(root, 'media', 'photo.jpg'))).size).toBe(photo.length);
  });
});
