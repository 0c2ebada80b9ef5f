import { describe, expect, it } from 'vitest';
import { execFile, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { promisify } from 'node:util';
import sharp from 'sharp';
import { build } from '../../src/build.js';
import { message } from '../../src/messages.js';
import { courseMarkdown, makePortfolio, sections } from '../helpers/portfolio.js';
import { heicPhoto } from './heic.js';

/** Hostile input, area `check`: what `check` passes, `build` builds; what `build` refuses, `check` finds first, at its line. */

const cli = join(import.meta.dirname, '..', '..', 'dist', 'licheng', 'main.cjs');
const run = (args: string[], cwd: string) => spawnSync(process.execPath, [cli, ...args], { cwd, encoding: 'utf8' });
const errors = (stderr: string) => stderr.split('\n').filter((line) => line.includes(': error: '));
const ffmpeg = (createRequire(import.meta.url)('@ffmpeg-installer/ffmpeg') as { path: string }).path;

function manifestPdfs(root: string): Record<string, unknown> {
  const manifest = JSON.parse(readFileSync(join(root, 'out', 'manifest.json'), 'utf8')) as { documents: { source: string; pdf: unknown }[] };
  return Object.fromEntries(manifest.documents.map((d) => [d.source, d.pdf]));
}

/** Check and build print the same errors, build writes no PDF for those documents, and both exit 1. */
function expectSameErrors(root: string, expected: string[]): void {
  const checked = run(['check'], root);
  expect(errors(checked.stdout)).toEqual(expected);
  expect(checked.status).toBe(1);
  const built = run(['build'], root);
  expect(errors(built.stdout)).toEqual(expected);
  expect(built.status).toBe(1);
}

const performance = (evidence: string) =>
  `---\n名稱: 科展\n類別: C-5\n日期: 2024-03-01\n簡述: 參加科展。\n證明文件:\n  - ${evidence}\n---\n\n## 說明\n\n說明。\n\n## 心得與反思\n\n心得。\n`;

describe('check decodes images as build does', () => {
  it('finds a HEIC photo (named .heic or .jpg, or as evidence) and a truncated JPEG or PNG at its line; build writes no PDF for them', async () => {
    const jpeg = await sharp({ create: { width: 400, height: 300, channels: 3, background: '#c33' } })
      .jpeg()
      .toBuffer();
    const png = await sharp({ create: { width: 400, height: 300, channels: 3, noise: { type: 'gaussian', mean: 128, sigma: 40 } } })
      .png()
      .toBuffer();
    const heic = heicPhoto();
    // sharp reads a HEIC header (this is what let `check` pass) but cannot decode its pixels.
    expect((await sharp(heic).metadata()).format).toBe('heif');
    await expect(sharp(heic).raw().toBuffer()).rejects.toThrow();
    const image = (name: string) => courseMarkdown(`${sections}\n![照片](../media/${name})\n`);
    const root = await makePortfolio({
      'courses/heic.md': image('IMG_0001.HEIC'),
      'courses/heic-as-jpg.md': image('IMG_0002.jpg'),
      'courses/cut-jpeg.md': image('cut.jpg'),
      'courses/cut-png.md': image('cut.png'),
      'courses/fine.md': image('fine.jpg'),
      'performances/award.md': performance('../media/award.jpg'),
      'media/IMG_0001.HEIC': heic,
      'media/IMG_0002.jpg': heic,
      'media/award.jpg': heic,
      'media/cut.jpg': jpeg.subarray(0, jpeg.length >> 1),
      'media/cut.png': png.subarray(0, png.length >> 1),
      'media/fine.jpg': jpeg,
    });
    expectSameErrors(root, [
      'courses/cut-jpeg.md:22:1: error: 圖片「../media/cut.jpg」損毀、不完整或不是圖片檔，無法解碼（VipsJpeg: premature end of JPEG image）；請從原始裝置重新匯出成 JPG 或 PNG [image-undecodable]',
      'courses/cut-png.md:22:1: error: 圖片「../media/cut.png」損毀、不完整或不是圖片檔，無法解碼（vipspng: libpng read error）；請從原始裝置重新匯出成 JPG 或 PNG [image-undecodable]',
      expect.stringMatching(/^courses\/heic-as-jpg\.md:22:1: error: .*HEIC.*「\.\.\/media\/IMG_0002\.jpg」.*最相容.* \[image-heic\]$/),
      expect.stringMatching(/^courses\/heic\.md:22:1: error: .*HEIC.*IMG_0001\.HEIC.* \[image-heic\]$/),
      expect.stringMatching(/^performances\/award\.md:7:5: error: .*HEIC.*award\.jpg.* \[image-heic\]$/),
    ] as string[]);
    expect(manifestPdfs(root)).toMatchObject({
      'courses/heic.md': null,
      'courses/heic-as-jpg.md': null,
      'courses/cut-jpeg.md': null,
      'courses/cut-png.md': null,
      'performances/award.md': null,
      'courses/fine.md': { path: 'courses/fine.pdf' },
    });
    expect(existsSync(join(root, 'out', 'courses', 'cut-jpeg.pdf'))).toBe(false);
  });

  it('gives a document with an image it cannot decode no PDF, like every document with errors, and removes the one an earlier build wrote', async () => {
    const root = await makePortfolio({ 'courses/a.md': courseMarkdown(sections), 'media/broken.png': Buffer.from('\x89PNG\r\n\x1a\n not really') });
    expect(run(['build'], root).status).toBe(0);
    expect(existsSync(join(root, 'out', 'courses', 'a.pdf'))).toBe(true);
    await writeFile(join(root, 'courses', 'a.md'), courseMarkdown(`${sections}\n![壞](../media/broken.png)\n`));
    expectSameErrors(root, [expect.stringMatching(/^courses\/a\.md:22:1: error: .* \[image-undecodable\]$/) as unknown as string]);
    expect(manifestPdfs(root)).toEqual({ 'courses/a.md': null });
    expect(existsSync(join(root, 'out', 'courses', 'a.pdf'))).toBe(false);
  });

  it('finds a HEIC photo named .jpg among a target’s D-3 attachments, in check and pack', async () => {
    const root = await makePortfolio({
      'courses/a.md': courseMarkdown(sections, { 類別: 'B-1' }),
      'targets/t.yaml':
        '學校: 測試大學\n系所: 電機工程系\n管道: 甄選入學\n招生學年度: 114\n項目:\n  B-1:\n    - ../courses/a.md\n  D-3:\n    - ../media/IMG_0003.jpg\n',
      'media/IMG_0003.jpg': heicPhoto(),
    });
    const expected = [expect.stringMatching(/^targets\/t\.yaml:9:7: error: .*HEIC.* \[image-heic\]$/)];
    const checked = run(['check'], root);
    expect(errors(checked.stdout)).toEqual(expected);
    expect(checked.status).toBe(1);
    // pack stops at the same error instead of an internal error half-way through the bundle.
    const packed = run(['pack'], root);
    expect(errors(packed.stdout)).toEqual(expected);
    expect(packed.stderr).not.toMatch(/內部錯誤|internal error|at .*\.js:\d+/);
    expect(packed.status).toBe(1);
  });
});

describe('check probes 影音檔 as build fits them', () => {
  it('finds an empty file, a text file, a photo named .mp4 and a two-hour recording at the 影音檔 key', async () => {
    const photo = await sharp({ create: { width: 80, height: 60, channels: 3, background: '#36c' } })
      .jpeg()
      .toBuffer();
    const media = (name: string) => courseMarkdown(sections, { 影音檔: `../media/${name}` });
    const root = await makePortfolio({
      'courses/empty.md': media('empty.mp4'),
      'courses/text.md': media('notes.mp4'),
      'courses/photo.md': media('photo.mp4'),
      'courses/long.md': media('lecture.flac'),
      'media/empty.mp4': '',
      'media/notes.mp4': '這不是影片\n',
      'media/photo.mp4': photo,
    });
    // Two hours of silence: small and quick to make as FLAC, far beyond what 10 MB holds as MP3.
    await promisify(execFile)(ffmpeg, [
      '-v',
      'error',
      '-f',
      'lavfi',
      '-i',
      'anullsrc=r=8000:cl=mono',
      '-t',
      '7200',
      '-c:a',
      'flac',
      join(root, 'media', 'lecture.flac'),
    ]);
    expectSameErrors(root, [
      'courses/empty.md:8:1: error: 檔案是空的（0 位元組）；請從原始裝置再複製一次 [media-unfit]',
      expect.stringMatching(/^courses\/long\.md:8:1: error: 長度 2:00:00，在 10 MB 內.*最多只能放約 41:32.* \[media-unfit\]$/),
      'courses/photo.md:8:1: error: 這是圖片，不是影音檔；影音檔欄位請放 MP4 影片或 MP3 錄音 [media-unfit]',
      expect.stringMatching(/^courses\/text\.md:8:1: error: .*無法解碼（(notes\.mp4: )?Invalid data found when processing input）.* \[media-unfit\]$/),
    ] as string[]);
    expect(Object.values(manifestPdfs(root))).toEqual([null, null, null, null]);
  });
});

describe('messages that fit the document', () => {
  it('does not tell a document without images to reduce its images when its PDF is over the cap', async () => {
    const root = await makePortfolio({ 'courses/long.md': courseMarkdown(sections + '\n' + '很長的段落。'.repeat(400) + '\n') });
    const { diagnostics } = await build([root], { maxBytes: 5_000 });
    const over = diagnostics.filter((d) => d.ruleId === 'pdf-over-cap');
    expect(over).toHaveLength(1);
    expect(message('pdf-over-cap', over[0]!.args, 'zh')).toMatch(/沒有圖片/);
    expect(message('pdf-over-cap', over[0]!.args, 'zh')).not.toMatch(/減少圖片|圖片已壓/);
    expect(message('pdf-over-cap', over[0]!.args, 'en')).not.toMatch(/remove images/);
  });

  it('reports an image in 表A that cannot be decoded at the target’s 表A field, in check and pack, never in licheng’s form template', async () => {
    const jpeg = await sharp({ create: { width: 400, height: 300, channels: 3, background: '#c33' } })
      .jpeg()
      .toBuffer();
    const root = await makePortfolio({
      'courses/a.md': courseMarkdown(sections, { 類別: 'B-1' }),
      'targets/t.yaml':
        '學校: 測試大學\n系所: 電機工程系\n管道: 甄選入學\n招生學年度: 114\n項目:\n  B-1:\n    - ../courses/a.md\n表A:\n  自我介紹: 我的作品。\n  作品照片: "![作品](../media/work.jpg)"\n',
      'media/work.jpg': jpeg.subarray(0, jpeg.length >> 1),
    });
    const expected = [expect.stringMatching(/^targets\/t\.yaml:10:3: error: 圖片「\.\.\/media\/work\.jpg」損毀.* \[image-undecodable\]$/)];
    const checked = run(['check'], root);
    expect(errors(checked.stdout)).toEqual(expected);
    expect(checked.status).toBe(1);
    const packed = run(['pack'], root);
    expect(errors(packed.stdout)).toEqual(expected);
    expect(packed.stdout).not.toMatch(/formA\.md\.hbs/);
    expect(packed.status).toBe(1);
  });
});
