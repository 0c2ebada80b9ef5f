import { execFile, spawn, spawnSync } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { locateFfmpeg } from '../../src/media/ffmpeg.js';
import { scratch } from '../media/fixtures.js';

/** Hostile input: licheng killed outright (SIGKILL) in the middle of a video encode. */

const cli = join(import.meta.dirname, '..', '..', 'dist', 'licheng', 'main.cjs');
const run = promisify(execFile);

/** Pids of the running (not zombie) processes whose command line mentions `text`. */
async function processesMentioning(text: string): Promise<number[]> {
  const found: number[] = [];
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const [cmdline, stat] = await Promise.all([
      readFile(`/proc/${entry}/cmdline`, 'utf8').catch(() => ''),
      readFile(`/proc/${entry}/stat`, 'utf8').catch(() => ''),
    ]);
    if (cmdline.includes(text) && !/\) Z /.test(stat)) found.push(Number(entry));
  }
  return found;
}

async function waitFor<T>(probe: () => Promise<T | undefined>, seconds: number): Promise<T | undefined> {
  for (const started = Date.now(); Date.now() - started < seconds * 1000; await sleep(50)) {
    const found = await probe();
    if (found !== undefined) return found;
  }
  return undefined;
}

const leftoversOf = async (pid: number) =>
  (await readdir(tmpdir())).filter((name) => name.startsWith(`licheng-x264-${pid}-`) || name.startsWith(`licheng-ffmpeg-${pid}-`));

describe.skipIf(process.platform !== 'linux')('SIGKILL during an encode', () => {
  it('ends ffmpeg with licheng, and the next run removes the temp video and folders the killed run left', async () => {
    const dir = await scratch('hostile-kill');
    const { ffmpeg } = await locateFfmpeg();
    await run(
      ffmpeg,
      [
        '-y',
        '-loglevel',
        'error',
        '-f',
        'lavfi',
        '-i',
        'testsrc2=size=480x270:rate=30:duration=30',
        '-c:v',
        'libx264',
        '-preset',
        'ultrafast',
        '-crf',
        '12',
        '-pix_fmt',
        'yuv420p',
        'clip.mp4',
      ],
      { cwd: dir },
    );
    const out = join(dir, 'out');
    const child = spawn(process.execPath, [cli, 'compress', 'clip.mp4', '-o', out, '--max-bytes', '1MB'], { cwd: dir, stdio: 'ignore' });
    // Wait for the second pass: its temp video beside the output, ffmpeg running, its log folder in
    // the temp folder. All three are seen in one probe and the kill follows at once, so the encode
    // cannot finish in between (it once did on a loaded CI machine, between two separate checks).
    const seen = await waitFor(async () => {
      const temp = (await readdir(out).catch(() => [] as string[])).find((name) => name.startsWith('.clip.mp4.'));
      if (!temp) return undefined;
      const [encoders, leftovers] = await Promise.all([processesMentioning(dir), leftoversOf(child.pid!)]);
      return encoders.length > 0 && leftovers.length > 0 ? { temp } : undefined;
    }, 60);
    expect(seen, 'the second pass was never seen running').toBeDefined();
    const temp = seen!.temp;
    child.kill('SIGKILL');
    await new Promise((resolve) => child.once('exit', resolve));

    expect(await waitFor(async () => ((await processesMentioning(dir)).length === 0 ? true : undefined), 5)).toBe(true);
    expect(await readdir(out)).toEqual([temp]);

    // The next run (here one that only rewraps, under a roomy cap) cleans up after the dead one.
    const next = spawnSync(process.execPath, [cli, 'compress', 'clip.mp4', '-o', out, '--max-bytes', '100MB'], { cwd: dir, encoding: 'utf8' });
    expect(next.status, next.stderr).toBe(0);
    expect(await readdir(out)).toEqual(['clip.mp4']);
    expect(await leftoversOf(child.pid!)).toEqual([]);
  });
});
