import { execFile, spawnSync } from 'node:child_process';
import { mkdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/build.js';
import { compressFile } from '../../src/media/compress.js';
import { message } from '../../src/messages.js';
import { courseMarkdown, makePortfolio, sections } from '../helpers/portfolio.js';
import { locateFfmpeg } from '../../src/media/ffmpeg.js';
import { recording, scratch } from '../media/fixtures.js';

/** Hostile input: clips too long for their cap. The advice given must work when followed. */

const run = promisify(execFile);
const cli = join(import.meta.dirname, '..', '..', 'dist', 'licheng', 'main.cjs');
let dir: string;

const compress = (...args: string[]) => spawnSync(process.execPath, [cli, 'compress', ...args], { cwd: dir, encoding: 'utf8', timeout: 120_000 });

beforeAll(async () => {
  dir = await scratch('hostile-advice');
  // A plain test pattern (no grain): quick to make, and the plan's arithmetic is what is tested.
  const { ffmpeg } = await locateFfmpeg();
  const sources = ['-f', 'lavfi', '-i', 'testsrc2=size=320x240:rate=30:duration=8', '-f', 'lavfi', '-i', 'sine=duration=8'];
  await run(ffmpeg, ['-y', '-loglevel', 'error', ...sources, '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', '-c:a', 'aac', 'talk.mp4'], {
    cwd: dir,
  });
  await recording(join(dir, 'song.wav'), 20);
});

/** Follows the advice in an error: runs compress again with the --trim it suggests. */
function followTrim(stderr: string, file: string, cap: string, out: string) {
  const suggested = /例如 --trim (\S+) \[media-unfit\]/.exec(stderr)?.[1];
  expect(suggested, stderr).toBeDefined();
  return compress(file, '--max-bytes', cap, '-o', out, '--trim', suggested!);
}

describe('a clip too long for its cap', () => {
  it('video: the suggested --trim fits when followed', async () => {
    const first = compress('talk.mp4', '--max-bytes', '80KB', '-o', 'video');
    expect(first.status).toBe(1);
    expect(first.stderr).toMatch(/看得清楚的品質最多只能放約 0:0\d/);
    const second = followTrim(first.stderr, 'talk.mp4', '80KB', 'video');
    expect(second.status, second.stderr).toBe(0);
    expect((await stat(join(dir, 'video', 'talk.mp4'))).size).toBeLessThanOrEqual(80_000);
  });

  it('audio: the suggested --trim fits when followed, from where the student’s own trim began; audio is not called watchable', async () => {
    const first = compress('song.wav', '--max-bytes', '50KB', '-o', 'audio', '--trim', '0:05-');
    expect(first.status).toBe(1);
    expect(first.stderr).toContain('聽得清楚');
    expect(first.stderr).not.toContain('看');
    expect(first.stderr).toContain('--trim 0:05-0:16');
    const second = followTrim(first.stderr, 'song.wav', '50KB', 'audio');
    expect(second.status, second.stderr).toBe(0);
    expect((await stat(join(dir, 'audio', 'song.mp3'))).size).toBeLessThanOrEqual(50_000);
  });

  it('a cap too small for even one second says so, never --trim 0:00-0:00', () => {
    const result = compress('talk.mp4', '--max-bytes', '5KB', '-o', 'tiny');
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('連 1 秒都放不下；請用 --max-bytes 放寬上限');
    expect(result.stderr).not.toContain('0:00-0:00');
  });

  it('in build, the advice names no flag build lacks: it says how to cut the file and point 影音檔 at it', async () => {
    const root = await makePortfolio({ 'courses/talk.md': courseMarkdown(sections, { 影音檔: '../media/long.wav' }) });
    await mkdir(join(root, 'media'));
    // 42 minutes of 4 kHz 8-bit mono (10 MB): at 32 kbps MP3 only about 41 fit in 10 MB.
    await recording(join(root, 'media', 'long.wav'), 42 * 60, ['-ar', '4000', '-ac', '1', '-c:a', 'pcm_u8']);
    const result = await build([root], { cwd: root });
    const unfit = result.diagnostics.find((d) => d.ruleId === 'media-unfit');
    expect(unfit).toMatchObject({ file: 'courses/talk.md', line: 8 });
    const said = message('media-unfit', unfit!.args, 'zh');
    expect(said).toMatch(
      /^長度 42:00，在 10 MB 內以聽得清楚的品質最多只能放約 41:\d\d；請剪短到 41:\d\d 以內（用剪輯軟體，或 licheng compress 檔案 --trim 0:00-41:\d\d），再把「影音檔」指向剪好的檔案$/,
    );
    expect(message('media-unfit', unfit!.args, 'en')).toContain('point 影音檔 at the cut file');
  });
});

describe('what compress says it did', () => {
  it('a short clip’s video bitrate is the one the file has, not the one asked for', async () => {
    const result = await compressFile(join(dir, 'talk.mp4'), { outDir: join(dir, 'short'), trim: { start: 0, end: 2 } });
    expect(result.video!.videoKbps).toBeGreaterThan(0);
    expect(result.video!.videoKbps! * 125 * result.durationSeconds!).toBeLessThanOrEqual(result.bytes);
  });
});
