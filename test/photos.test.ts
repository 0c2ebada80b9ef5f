import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdir, readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import { build } from '../src/build.js';
import { bestQuality } from '../src/layout/image-quality.js';
import { encodeCount } from '../src/media/encode-image.js';
import { photo, scratch } from './media/fixtures.js';
import { courseMarkdown, makePortfolio, sections } from './helpers/portfolio.js';

const photos = 6;

/** A course outcome with six 4 MP noisy phone photos (printed at about 2 MP each). */
async function photoCourse(): Promise<string> {
  const body = Array.from({ length: photos }, (_, i) => `![照片 ${i + 1}](../media/IMG_${i}.jpg)\n`).join('\n');
  const root = await makePortfolio({ 'courses/field-trip.md': courseMarkdown(`${sections}\n${body}`) });
  await mkdir(join(root, 'media'));
  await Promise.all(
    Array.from({ length: photos }, (_, i) => photo(join(root, 'media', `IMG_${i}.jpg`), { width: 2400, height: 1600, seed: i + 1, grain: 24 }, 92)),
  );
  return root;
}

describe('photos in documents', () => {
  let root: string;
  let cache: string;
  let outs: string;
  const saved = process.env.LICHENG_CACHE_DIR;
  beforeAll(async () => {
    root = await photoCourse();
    cache = await scratch('photo-cache');
    outs = await scratch('photo-out');
    process.env.LICHENG_CACHE_DIR = cache;
  });
  afterAll(async () => {
    if (saved === undefined) delete process.env.LICHENG_CACHE_DIR;
    else process.env.LICHENG_CACHE_DIR = saved;
    await Promise.all([rm(root, { recursive: true, force: true }), rm(cache, { recursive: true, force: true }), rm(outs, { recursive: true, force: true })]);
  });

  const pdfOf = async (out: string, maxBytes: number) => {
    const result = await build([root], { outDir: join(outs, out), maxBytes });
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    return { data: await readFile(join(outs, out, 'courses', 'field-trip.pdf')), diagnostics: result.diagnostics };
  };

  it('spend the cap together: the PDF lands at 85–98 % of it', async () => {
    const cap = 1_500_000;
    const first = await pdfOf('first', cap);
    expect(first.data.length / cap).toBeGreaterThan(0.85);
    expect(first.data.length / cap).toBeLessThan(0.98);
  });

  it('are printed at the best quality when they fit easily, encoded once: a rebuild encodes nothing and gives the bytes a fresh encoding gives', async () => {
    const easy = 40_000_000;
    const first = await pdfOf('cached-1', easy);
    expect(first.diagnostics.map((d) => d.ruleId)).not.toContain('pdf-images-recompressed');
    expect(first.data.includes(await quantisation(bestQuality))).toBe(true);
    const before = encodeCount.images;
    const entries = (await readdir(join(cache, 'media'))).length;
    const second = await pdfOf('cached-2', easy);
    expect(encodeCount.images).toBe(before);
    expect((await readdir(join(cache, 'media'))).length).toBe(entries);
    expect(second.data.equals(first.data)).toBe(true);
    process.env.LICHENG_MEDIA_CACHE = '0';
    try {
      const fresh = await pdfOf('fresh', easy);
      expect(encodeCount.images).toBeGreaterThan(before);
      expect(fresh.data.equals(first.data)).toBe(true);
    } finally {
      delete process.env.LICHENG_MEDIA_CACHE;
    }
  });
});

/** The quantisation tables (DQT segment) mozjpeg writes at a quality: found in a PDF, they say its photos' quality. */
async function quantisation(quality: number): Promise<Buffer> {
  const jpeg = await sharp({ create: { width: 64, height: 64, channels: 3, background: '#808080' } })
    .jpeg({ quality, mozjpeg: true })
    .toBuffer();
  const at = jpeg.indexOf(Buffer.from([0xff, 0xdb]));
  return jpeg.subarray(at, at + 2 + jpeg.readUInt16BE(at + 2));
}
