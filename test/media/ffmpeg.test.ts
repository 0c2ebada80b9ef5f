import { execFile } from 'node:child_process';
import { chmod, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { MediaError } from '../../src/media/errors.js';
import { ensureExecutable, locateFfmpeg } from '../../src/media/ffmpeg.js';
import { scratch } from './fixtures.js';

const run = promisify(execFile);

describe('finding ffmpeg', () => {
  afterEach(() => {
    delete process.env.LICHENG_FFMPEG;
  });

  it('uses the npm-installed binaries by default, and they run', async () => {
    const paths = await locateFfmpeg();
    expect(paths.ffmpeg).toMatch(/ffmpeg/);
    expect((await run(paths.ffmpeg, ['-version'])).stdout).toMatch(/^ffmpeg version/);
    expect((await run(paths.ffprobe, ['-version'])).stdout).toMatch(/^ffprobe version/);
  });

  it('copies a binary that lost its exec bit (npm ci --ignore-scripts) to a cache, mode 0755', async () => {
    const dir = await scratch('bin');
    const tool = join(dir, 'tool');
    await writeFile(tool, '#!/bin/sh\necho works\n');
    await chmod(tool, 0o644);
    const version = `test-${process.pid}-${Date.now()}`;
    const usable = await ensureExecutable(tool, version);
    expect(usable).not.toBe(tool);
    expect(dirname(usable)).toContain(`licheng-bin-${version}`);
    expect((await stat(usable)).mode & 0o777).toBe(0o755);
    expect((await stat(tool)).mode & 0o777).toBe(0o644);
    expect((await run(usable)).stdout).toBe('works\n');
    expect(await ensureExecutable(tool, version)).toBe(usable);
    await chmod(tool, 0o755);
    expect(await ensureExecutable(tool, version)).toBe(tool);
  });

  it('honours LICHENG_FFMPEG, and an explicit path that does not work is "no-ffmpeg"', async () => {
    const bundled = await locateFfmpeg();
    process.env.LICHENG_FFMPEG = bundled.ffmpeg;
    expect((await locateFfmpeg()).ffmpeg).toBe(bundled.ffmpeg);
    const error = await locateFfmpeg({ ffmpeg: '/nowhere/ffmpeg' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MediaError);
    expect(error).toMatchObject({ code: 'no-ffmpeg', args: { path: '/nowhere/ffmpeg' } });
  });
});
