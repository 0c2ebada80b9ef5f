import { execFile, spawnSync } from 'node:child_process';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { compressFile, fitMedia } from '../../src/media/compress.js';
import { locateFfmpeg } from '../../src/media/ffmpeg.js';
import { photoPixels, probeFile, scratch } from '../media/fixtures.js';

/** Hostile input: files whose name or encoding says less than their content. */

const cli = join(import.meta.dirname, '..', '..', 'dist', 'licheng', 'main.cjs');
const run = promisify(execFile);
let dir: string;

beforeAll(async () => {
  dir = await scratch('hostile-formats');
});

describe('content decides, not the name or the codec alone', () => {
  it.each(['yuv444p', 'yuv422p', 'yuv420p10le'])(
    'H.264 in %s, though small enough, is re-encoded to 8-bit 4:2:0 that every player plays',
    async (pixelFormat) => {
      const input = join(dir, `${pixelFormat}.mp4`);
      const { ffmpeg } = await locateFfmpeg();
      await run(ffmpeg, [
        '-y',
        '-loglevel',
        'error',
        '-f',
        'lavfi',
        '-i',
        'testsrc2=size=320x240:rate=30:duration=1',
        '-c:v',
        'libx264',
        '-preset',
        'ultrafast',
        '-pix_fmt',
        pixelFormat,
        input,
      ]);
      expect((await probeFile(input)).video).toMatchObject({ codec: 'h264', pixelFormat });
      const result = await compressFile(input, { outDir: join(dir, 'out') });
      expect(result).toMatchObject({ unchanged: false, video: { remuxed: false } });
      expect((await probeFile(result.path)).video).toMatchObject({ codec: 'h264', pixelFormat: 'yuv420p' });
    },
  );

  it('a JPEG named .mp4 is compressed as the photo it is, written as .jpg, and refused as a 影音檔', async () => {
    const input = join(dir, 'holiday.mp4');
    await sharp(await photoPixels(300, 200, 2), { raw: { width: 300, height: 200, channels: 3 } })
      .jpeg()
      .toFile(input);
    const result = spawnSync(process.execPath, [cli, 'compress', 'holiday.mp4', '-o', 'photo'], { cwd: dir, encoding: 'utf8' });
    expect(result.status, result.stderr).toBe(0);
    expect(await readdir(join(dir, 'photo'))).toEqual(['holiday.jpg']);
    await expect(fitMedia(input, join(dir, 'media', 'holiday.mp4'))).rejects.toMatchObject({ code: 'not-media' });
  });
});
