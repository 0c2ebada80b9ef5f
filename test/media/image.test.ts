import { readFile, stat, truncate, writeFile, copyFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { compressFile } from '../../src/media/compress.js';
import { MediaError } from '../../src/media/errors.js';
import { decodeRaw, encodeJpeg } from '../../src/media/fit-image.js';
import { hasGps, photo, photoPixels, random, scratch } from './fixtures.js';

let dir: string;
let phone: string;

beforeAll(async () => {
  dir = await scratch('image');
  phone = join(dir, 'phone.jpg');
  await photo(phone, { width: 1200, height: 800, orientation: 6, gps: true });
});

async function expectMediaError(promise: Promise<unknown>, code: string): Promise<MediaError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(MediaError);
  expect((error as MediaError).code).toBe(code);
  return error as MediaError;
}

describe('a phone photo over the cap', () => {
  it('becomes an upright JPEG under the cap, without EXIF or GPS, at the highest quality that fits', async () => {
    const before = await readFile(phone);
    const meta = await sharp(phone).metadata();
    expect(meta.orientation).toBe(6);
    expect(hasGps(meta.exif)).toBe(true);

    const result = await compressFile(phone, { outDir: join(dir, 'out'), maxBytes: 120_000 });

    expect(result).toMatchObject({ kind: 'image', unchanged: false, path: join(dir, 'out', 'phone.jpg') });
    expect(result.bytes).toBeLessThanOrEqual(120_000);
    expect((await stat(result.path)).size).toBe(result.bytes);
    const out = await sharp(result.path).metadata();
    expect(out.format).toBe('jpeg');
    expect([out.width, out.height]).toEqual([800, 1200]);
    expect(out.orientation).toBeUndefined();
    expect(out.exif).toBeUndefined();
    expect(result.image?.downscaled).toBe(false);
    const quality = result.image!.quality!;
    expect(quality).toBeGreaterThanOrEqual(60);
    // Under 2.5 MP the search is exact: one step better no longer fits.
    const raw = await decodeRaw(phone, 'jpeg');
    expect((await encodeJpeg(raw, quality + 1)).length).toBeGreaterThan(120_000);
    expect((await readFile(phone)).equals(before)).toBe(true);
  });

  it('estimates a 6 MP photo from a sample and lands within two quality steps of the best', async () => {
    const big = join(dir, 'big.jpg');
    await photo(big, { width: 3000, height: 2000, seed: 2 });
    const result = await compressFile(big, { outDir: join(dir, 'out'), maxBytes: 700_000 });
    expect(result.bytes).toBeLessThanOrEqual(700_000);
    const quality = result.image!.quality!;
    const raw = await decodeRaw(big, 'jpeg');
    expect((await encodeJpeg(raw, quality + 3)).length).toBeGreaterThan(700_000);
  });

  it('scales down only when even quality 60 would not fit', async () => {
    const result = await compressFile(phone, { outDir: join(dir, 'small'), maxBytes: 40_000 });
    expect(result.bytes).toBeLessThanOrEqual(40_000);
    expect(result.image?.downscaled).toBe(true);
    expect(result.image!.quality).toBeGreaterThanOrEqual(60);
    expect(result.image!.height).toBeLessThan(1200);
    expect(result.image!.width / result.image!.height).toBeCloseTo(800 / 1200, 1);
  });
});

describe('a file already under the cap', () => {
  it('keeps its pixels as they are and is reported unchanged', async () => {
    const result = await compressFile(phone, { outDir: join(dir, 'as-is') });
    expect(result.unchanged).toBe(true);
    expect(result.bytes).toBe((await stat(result.path)).size);
    expect(result.bytes).toBeLessThanOrEqual((await stat(phone)).size);
    expect((await sharp(result.path).raw().toBuffer()).equals(await sharp(phone).raw().toBuffer())).toBe(true);
  });

  it('is never written over its original: a free name beside it is taken', async () => {
    const original = await readFile(phone);
    const result = await compressFile(phone, { outDir: dirname(phone) });
    expect(basename(result.path)).toBe(basename(phone).replace(/\.jpg$/, '-1.jpg'));
    expect((await readFile(phone)).equals(original)).toBe(true);
  });

  it('in WebP becomes a JPEG, since the upload takes JPG or PNG', async () => {
    const webp = join(dir, 'shot.webp');
    await sharp(await photoPixels(400, 300, 5), { raw: { width: 400, height: 300, channels: 3 } })
      .webp({ quality: 80 })
      .toFile(webp);
    const result = await compressFile(webp, { outDir: join(dir, 'out') });
    expect(result.formatChange).toEqual({ from: 'webp', to: 'jpeg' });
    expect((await sharp(result.path).metadata()).format).toBe('jpeg');
  });
});

describe('PNG', () => {
  it('stays a lossless PNG when re-compressing fits', async () => {
    const chart = join(dir, 'chart.png');
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="1600" height="1200"><rect width="1600" height="1200" fill="#fff"/>
      <rect x="100" y="300" width="200" height="800" fill="#3366cc"/><rect x="400" y="500" width="200" height="600" fill="#dc3912"/>
      <text x="100" y="200" font-size="80" fill="#222">成績 Grades</text></svg>`;
    await sharp(Buffer.from(svg)).png({ compressionLevel: 0 }).toFile(chart);
    expect((await stat(chart)).size).toBeGreaterThan(4_000_000);
    const result = await compressFile(chart, { outDir: join(dir, 'out') });
    expect(result).toMatchObject({ unchanged: false, image: { format: 'png', palette: false } });
    expect(result.formatChange).toBeUndefined();
    expect(result.bytes).toBeLessThanOrEqual(4_000_000);
  });

  it('of flat colours is quantised to a palette when lossless does not fit', async () => {
    const next = random(3);
    const colours = Array.from({ length: 64 }, () => [next() * 256, next() * 256, next() * 256].map(Math.floor));
    const pixels = Buffer.alloc(800 * 600 * 3);
    for (let i = 0; i < 800 * 600; i++) pixels.set(colours[Math.floor(next() * 64)]!, i * 3);
    const flat = join(dir, 'flat.png');
    await sharp(pixels, { raw: { width: 800, height: 600, channels: 3 } })
      .png()
      .toFile(flat);
    const result = await compressFile(flat, { outDir: join(dir, 'out'), maxBytes: 500_000 });
    expect(result).toMatchObject({ image: { format: 'png', palette: true } });
    expect(result.bytes).toBeLessThanOrEqual(500_000);
    const out = await sharp(result.path).metadata();
    expect(out.format).toBe('png');
    expect(out.isPalette).toBe(true);
  });

  it('with transparency keeps it in a palette PNG, or becomes a JPEG on white and says so', async () => {
    const raw = await photoPixels(800, 600, 7);
    const rgba = Buffer.alloc(800 * 600 * 4);
    for (let i = 0; i < 800 * 600; i++) {
      raw.copy(rgba, i * 4, i * 3, i * 3 + 3);
      rgba[i * 4 + 3] = i % 800 < 200 ? 0 : 255;
    }
    const cutout = join(dir, 'cutout.png');
    await sharp(rgba, { raw: { width: 800, height: 600, channels: 4 } })
      .png()
      .toFile(cutout);

    const kept = await compressFile(cutout, { outDir: join(dir, 'kept'), maxBytes: 600_000 });
    expect(kept).toMatchObject({ image: { format: 'png', palette: true } });
    expect((await sharp(kept.path).metadata()).hasAlpha).toBe(true);

    const flattened = await compressFile(cutout, { outDir: join(dir, 'flattened'), maxBytes: 100_000 });
    expect(flattened).toMatchObject({ formatChange: { from: 'png', to: 'jpeg' }, image: { format: 'jpeg', flattened: true } });
    expect(flattened.path.endsWith('cutout.jpg')).toBe(true);
    expect(flattened.bytes).toBeLessThanOrEqual(100_000);
    const { data } = await sharp(flattened.path).extract({ left: 0, top: 0, width: 100, height: 100 }).raw().toBuffer({ resolveWithObject: true });
    expect(Math.min(...data)).toBeGreaterThan(240);
  });
});

describe('files that are not a usable picture', () => {
  it('a zero-length file is "empty"', async () => {
    const empty = join(dir, 'empty.jpg');
    await writeFile(empty, '');
    await expectMediaError(compressFile(empty), 'empty');
  });

  it('a truncated JPEG is "corrupt", even when it is under the cap', async () => {
    const cut = join(dir, 'cut.jpg');
    await copyFile(phone, cut);
    await truncate(cut, Math.floor((await stat(phone)).size * 0.6));
    const error = await expectMediaError(compressFile(cut, { outDir: join(dir, 'out') }), 'corrupt');
    expect(String(error.args.reason)).not.toBe('');
  });

  it('random bytes named .jpg are "corrupt"', async () => {
    const junk = join(dir, 'junk.jpg');
    const next = random(9);
    await writeFile(junk, Buffer.from(Array.from({ length: 5000 }, () => Math.floor(next() * 256))));
    await expectMediaError(compressFile(junk), 'corrupt');
  });

  it('a HEIC photo that cannot be decoded asks for a JPEG export', async () => {
    const heic = join(dir, 'IMG_0001.HEIC');
    const box = Buffer.alloc(24);
    box.writeUInt32BE(24, 0);
    box.write('ftypheic', 4, 'latin1');
    box.write('mif1heic', 16, 'latin1');
    await writeFile(heic, Buffer.concat([box, Buffer.alloc(2000, 7)]));
    await expectMediaError(compressFile(heic), 'heic');
  });

  it('a text file is "unsupported"', async () => {
    const notes = join(dir, 'notes.txt');
    await writeFile(notes, '這不是圖片\n'.repeat(50));
    await expectMediaError(compressFile(notes), 'unsupported');
  });

  it('a file that does not exist is "missing"', async () => {
    await expectMediaError(compressFile(join(dir, 'nope.jpg')), 'missing');
  });
});
