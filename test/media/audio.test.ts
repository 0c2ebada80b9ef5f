import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { compressFile, fitMedia } from '../../src/media/compress.js';
import { MediaError } from '../../src/media/errors.js';
import { planAudio } from '../../src/media/fit-audio.js';
import { probeFile, recording, scratch } from './fixtures.js';

let dir: string;
let wav: string;

beforeAll(async () => {
  dir = await scratch('audio');
  wav = join(dir, 'interview.wav');
  await recording(wav, 30);
});

describe('a recording', () => {
  it('becomes an MP3 at the highest standard bitrate that fits', async () => {
    const result = await compressFile(wav, { outDir: join(dir, 'out'), maxBytes: 200_000 });
    // 56 kbps × 30 s is 210,000 bytes: over; 48 kbps is the best that fits.
    expect(result).toMatchObject({
      kind: 'audio',
      path: join(dir, 'out', 'interview.mp3'),
      audio: { kbps: 48, channels: 1 },
      formatChange: { from: 'wav', to: 'mp3' },
    });
    expect(result.bytes).toBeLessThanOrEqual(200_000);
    expect((await stat(result.path)).size).toBe(result.bytes);
    const out = await probeFile(result.path);
    expect(out.audio?.codec).toBe('mp3');
    expect(out.video).toBeUndefined();
    expect(out.durationSeconds).toBeCloseTo(30, 0);
    expect(Math.round(out.bitRate / 1000)).toBe(48);
  });

  it('under the 10 MB media cap gets 192 kbps stereo', async () => {
    const result = await fitMedia(wav, join(dir, 'media', 'interview.mp4'));
    expect(result).toMatchObject({ path: join(dir, 'media', 'interview.mp3'), maxBytes: 10_000_000, audio: { kbps: 192, channels: 2 } });
  });

  it('keeps only the part given by --trim', async () => {
    const result = await compressFile(wav, { outDir: join(dir, 'trim'), trim: { start: 5, end: 15 } });
    expect((await probeFile(result.path)).durationSeconds).toBeCloseTo(10, 0);
  });

  it('already an MP3 under the cap is copied unchanged, only its tags removed', async () => {
    const mp3 = join(dir, 'song.mp3');
    await recording(mp3, 5, ['-c:a', 'libmp3lame', '-b:a', '128k']);
    const result = await compressFile(mp3, { outDir: join(dir, 'as-is') });
    expect(result.unchanged).toBe(true);
    expect((await probeFile(result.path)).durationSeconds).toBeCloseTo((await probeFile(mp3)).durationSeconds, 1);
  });

  it('too long for the cap even at 32 kbps says how long would fit', async () => {
    expect(planAudio(30, 50_000)).toEqual({ fitsSeconds: 11 });
    const error = await compressFile(wav, { outDir: join(dir, 'out'), maxBytes: 50_000 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MediaError);
    expect(error).toMatchObject({ code: 'too-long', args: { fitsSeconds: 11 } });
  });

  it('a trim starting after the end is "bad-trim"', async () => {
    const error = await compressFile(wav, { outDir: join(dir, 'out'), trim: { start: 40 } }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'bad-trim' });
  });
});
