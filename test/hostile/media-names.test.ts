import { execFile, spawnSync } from 'node:child_process';
import { copyFile, mkdir, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { locateFfmpeg } from '../../src/media/ffmpeg.js';
import { measuredCli } from '../helpers/measure.js';
import { scratch } from '../media/fixtures.js';

/** Hostile input: file names that ffmpeg or ffprobe would read as an option, a protocol or standard input. */

const cli = join(import.meta.dirname, '..', '..', 'dist', 'licheng', 'main.cjs');
const run = promisify(execFile);
let dir: string;

beforeAll(async () => {
  dir = await scratch('hostile-names');
  const { ffmpeg } = await locateFfmpeg();
  const tone = ['-y', '-loglevel', 'error', '-f', 'lavfi', '-i', 'sine=duration=1'];
  await run(ffmpeg, [...tone, '-c:a', 'libmp3lame', 'file:-dash.mp3'], { cwd: dir });
  await run(ffmpeg, [...tone, 'file:concat:a.wav'], { cwd: dir });
  await run(ffmpeg, [...tone, 'file:file:x.wav'], { cwd: dir });
  await run(
    ffmpeg,
    ['-y', '-loglevel', 'error', '-f', 'lavfi', '-i', 'testsrc2=size=64x48:duration=1', '-c:v', 'libx264', '-pix_fmt', 'yuv420p', 'file:-clip.mp4'],
    { cwd: dir },
  );
});

describe('compress reads every name as a plain file', () => {
  it('-dash.mp3, -clip.mp4, concat:a.wav and file:x.wav are compressed, not taken for options or protocols', async () => {
    const result = spawnSync(process.execPath, [cli, 'compress', '--', '-dash.mp3', '-clip.mp4', 'concat:a.wav', 'file:x.wav'], {
      cwd: dir,
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(result.stderr).not.toMatch(/內部錯誤|損毀/);
    expect(result.status, result.stderr).toBe(0);
    expect((await readdir(join(dir, 'out'))).sort()).toEqual(['-clip.mp4', '-dash.mp3', 'concat:a.mp3', 'file:x.mp3']);
  });

  it('`-` is a file of that name, never standard input; without such a file it is a usage error at once', async () => {
    const folder = join(dir, 'dash');
    await mkdir(folder);
    // At once: counted in processor seconds, which a loaded machine does not stretch as it does the wall clock.
    const missing = measuredCli(cli, ['compress', '--', '-'], { cwd: folder, encoding: 'utf8', timeout: 20_000 });
    expect(missing.status).toBe(2);
    expect(missing.cpuSeconds).toBeLessThan(10);
    await copyFile(join(dir, '-dash.mp3'), join(folder, '-'));
    const result = spawnSync(process.execPath, [cli, 'compress', '--', '-'], { cwd: folder, encoding: 'utf8', timeout: 20_000, input: 'not audio' });
    expect(result.status, result.stderr).toBe(0);
    expect(await readdir(join(folder, 'out'))).toEqual(['-.mp3']);
  });
});
