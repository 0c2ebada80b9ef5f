import { readFile, readdir, stat, truncate, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { compressFile, fitMedia } from '../../src/media/compress.js';
import { MediaError } from '../../src/media/errors.js';
import { planVideo } from '../../src/media/fit-video.js';
import { clip, probeFile, scratch, topLevelBoxes } from './fixtures.js';

const cap = 200_000;
let dir: string;
let phone: string;

beforeAll(async () => {
  dir = await scratch('video');
  phone = join(dir, 'phone.mov');
  await clip(phone, { seconds: 4, rotate: 90 });
});

async function mediaError(promise: Promise<unknown>): Promise<MediaError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(MediaError);
  return error as MediaError;
}

describe('planning a clip for the 10 MB cap', () => {
  const phoneClip = { width: 1920, height: 1080, fps: 30, audioChannels: 2 };

  it('keeps 1080p for a short clip, drops to 720p at a minute and 480p at four', () => {
    const at = (seconds: number) => planVideo({ ...phoneClip, durationSeconds: seconds }, 10_000_000);
    expect(at(20)).toMatchObject({ plan: { height: 1080, audioKbps: 128 } });
    expect(at(60)).toMatchObject({ plan: { width: 1280, height: 720, audioKbps: 96, audioChannels: 2 } });
    expect(at(240)).toMatchObject({ plan: { height: 480, audioKbps: 64, audioChannels: 1 } });
  });

  it('caps the frame rate at 30 and keeps portrait video portrait', () => {
    const result = planVideo({ width: 1080, height: 1920, fps: 60, durationSeconds: 60, audioChannels: 2 }, 10_000_000);
    expect(result).toMatchObject({ plan: { width: 720, height: 1280, fps: 30 } });
  });

  it('says how long would fit when the clip is too long to watch', () => {
    const result = planVideo({ ...phoneClip, durationSeconds: 15 * 60 }, 10_000_000);
    expect('fitsSeconds' in result && result.fitsSeconds).toBeGreaterThan(200);
    expect('fitsSeconds' in result && result.fitsSeconds).toBeLessThan(400);
  });
});

describe('a phone clip over the cap', () => {
  it('becomes an upright H.264/AAC MP4 with faststart, between 90 % and 100 % of the cap', async () => {
    const before = await readFile(phone);
    const result = await compressFile(phone, { outDir: join(dir, 'out'), maxBytes: cap });
    expect(result).toMatchObject({ kind: 'video', unchanged: false, path: join(dir, 'out', 'phone.mp4'), formatChange: { from: 'mov', to: 'mp4' } });
    expect(result.bytes).toBeLessThanOrEqual(cap);
    expect(result.bytes).toBeGreaterThanOrEqual(cap * 0.9);
    expect((await stat(result.path)).size).toBe(result.bytes);

    const out = await probeFile(result.path);
    expect(out.video).toMatchObject({ codec: 'h264', width: 240, height: 320, rotation: 0 });
    expect(out.audio?.codec).toBe('aac');
    expect(out.durationSeconds).toBeCloseTo(4, 0);
    const boxes = await topLevelBoxes(result.path);
    expect(boxes.indexOf('moov')).toBeLessThan(boxes.indexOf('mdat'));
    expect((await readFile(phone)).equals(before)).toBe(true);
    expect((await readdir(join(dir, 'out'))).filter((f) => f.startsWith('.'))).toEqual([]);
  });

  it('reports progress from 0 to 100 %, never going back', async () => {
    const seen: number[] = [];
    await compressFile(phone, { outDir: join(dir, 'progress'), maxBytes: cap, onProgress: (p) => seen.push(p.fraction) });
    expect(seen.length).toBeGreaterThanOrEqual(2);
    expect(seen.at(-1)).toBe(1);
    expect([...seen].sort((a, b) => a - b)).toEqual(seen);
  });

  it('keeps only the part given by --trim', async () => {
    const long = join(dir, 'long.mp4');
    await clip(long, { seconds: 6 });
    const result = await compressFile(long, { outDir: join(dir, 'trim'), maxBytes: cap, trim: { start: 1, end: 3 } });
    expect(result.durationSeconds).toBeCloseTo(2, 0);
    expect((await probeFile(result.path)).durationSeconds).toBeCloseTo(2, 0);
    expect(result.bytes).toBeLessThanOrEqual(cap);
  });

  it('without an audio stream stays silent', async () => {
    const silent = join(dir, 'silent.mp4');
    await clip(silent, { seconds: 3, audio: false });
    const result = await compressFile(silent, { outDir: join(dir, 'out'), maxBytes: cap });
    const out = await probeFile(result.path);
    expect(out.audio).toBeUndefined();
    expect(result.video?.audioKbps).toBeUndefined();
    expect(result.bytes).toBeLessThanOrEqual(cap);
    expect(result.bytes).toBeGreaterThanOrEqual(cap * 0.9);
  });

  it('with a variable frame rate comes out at a constant rate of at most 30 fps', async () => {
    const vfr = join(dir, 'vfr.mp4');
    await clip(vfr, { seconds: 4, audio: false, variableFrameRate: true });
    const source = await probeFile(vfr);
    expect(source.video?.variableFrameRate).toBe(true);
    const result = await compressFile(vfr, { outDir: join(dir, 'out'), maxBytes: cap });
    const out = await probeFile(result.path);
    expect(out.video!.fps).toBeLessThanOrEqual(30);
    expect(out.video!.variableFrameRate).toBe(false);
    expect(out.durationSeconds).toBeCloseTo(source.durationSeconds, 0);
    expect(result.bytes).toBeLessThanOrEqual(cap);
  });

  it('too long to watch at this cap is an error with its length and what would fit', async () => {
    const error = await mediaError(compressFile(phone, { outDir: join(dir, 'out'), maxBytes: 20_000 }));
    expect(error.code).toBe('too-long');
    expect(error.args.seconds).toBeCloseTo(4, 0);
    expect(Number(error.args.fitsSeconds)).toBeLessThan(4);
  });

  it('runs in parallel with other jobs without collisions', async () => {
    const results = await Promise.all(['a', 'b', 'c'].map((name) => compressFile(phone, { outDir: join(dir, 'parallel'), name, maxBytes: cap })));
    for (const result of results) {
      expect(result.bytes).toBeLessThanOrEqual(cap);
      expect((await probeFile(result.path)).video?.codec).toBe('h264');
    }
    expect((await readdir(join(dir, 'parallel'))).sort()).toEqual(['a.mp4', 'b.mp4', 'c.mp4']);
  });
});

describe('a clip that already fits', () => {
  it('as H.264/AAC MP4 is copied unchanged, only rewrapped without its tags', async () => {
    const small = join(dir, 'small.mp4');
    await clip(small, { seconds: 2, faststart: true });
    const result = await compressFile(small, { outDir: join(dir, 'as-is') });
    expect(result).toMatchObject({ unchanged: true, kind: 'video', video: { encodes: 0 } });
    expect((await probeFile(result.path)).video).toMatchObject({ codec: 'h264', width: 320, height: 240 });
  });

  it('in a MOV is rewrapped as MP4 without re-encoding, keeping its rotation', async () => {
    const source = await probeFile(phone);
    expect(source.video).toMatchObject({ width: 240, height: 320 });
    const result = await fitMedia(phone, join(dir, 'media', 'course.mp3'));
    expect(result).toMatchObject({ path: join(dir, 'media', 'course.mp4'), video: { remuxed: true } });
    const out = await probeFile(result.path);
    expect(out.video).toMatchObject({ codec: 'h264', rotation: source.video!.rotation, width: 240, height: 320 });
  });
});

describe('broken clips', () => {
  it('a zero-length MP4 is "empty"', async () => {
    const empty = join(dir, 'empty.mp4');
    await writeFile(empty, '');
    expect((await mediaError(compressFile(empty))).code).toBe('empty');
  });

  it('a truncated MP4 is "corrupt"', async () => {
    const cut = join(dir, 'cut.mp4');
    await clip(cut, { seconds: 3 });
    await truncate(cut, Math.floor((await stat(cut)).size / 2));
    expect((await mediaError(compressFile(cut, { maxBytes: cap }))).code).toBe('corrupt');
  });

  it('a truncated MP4 whose index survived (faststart) is "corrupt", not a short clip', async () => {
    const cut = join(dir, 'cut-faststart.mp4');
    await clip(cut, { seconds: 4, faststart: true });
    await truncate(cut, Math.floor((await stat(cut)).size / 2));
    expect((await mediaError(compressFile(cut, { outDir: join(dir, 'out'), maxBytes: cap }))).code).toBe('corrupt');
  });

  it('an image given as a document\'s media is "not-media"', async () => {
    const picture = join(dir, 'picture.png');
    await writeFile(picture, Buffer.from('89504e470d0a1a0a', 'hex'));
    expect((await mediaError(fitMedia(picture, join(dir, 'media', 'x.mp4')))).code).toBe('not-media');
  });
});

describe('a clip under the cap that is cut off', () => {
  it('is "corrupt" rather than copied as it is', async () => {
    const cut = join(dir, 'cut-small.mp4');
    await clip(cut, { seconds: 2, faststart: true });
    await truncate(cut, Math.floor((await stat(cut)).size * 0.7));
    expect((await mediaError(compressFile(cut, { outDir: join(dir, 'cut-small') }))).code).toBe('corrupt');
  });
});
