import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { chmod, mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { locateFfmpeg } from '../src/media/index.js';
import { recording } from './media/fixtures.js';
import { courseMarkdown, makePortfolio, sections } from './helpers/portfolio.js';

const cli = join(import.meta.dirname, '..', 'dist', 'licheng', 'main.cjs');

/** The real ffmpeg behind a script that notes each run's arguments: what licheng encodes can be counted. */
async function countingFfmpeg(): Promise<{ env: NodeJS.ProcessEnv; runs: () => Promise<number> }> {
  const dir = await mkdtemp(join(tmpdir(), 'licheng-ffmpeg-'));
  const { ffmpeg, ffprobe } = await locateFfmpeg();
  const log = join(dir, 'runs.log');
  const script = join(dir, 'ffmpeg');
  await writeFile(script, `#!/bin/sh\necho "$*" >> '${log}'\nexec '${ffmpeg}' "$@"\n`);
  await chmod(script, 0o755);
  // Encodes only: `ffmpeg -version` and the like read no media.
  const runs = async () => (await readFile(log, 'utf8').catch(() => '')).split('\n').filter((line) => line.includes(' -i ')).length;
  return { env: { ...process.env, LICHENG_FFMPEG: script, LICHENG_FFPROBE: ffprobe, LICHENG_CACHE_DIR: join(dir, 'cache') }, runs };
}

describe('media fitted once', () => {
  it('a rebuild with no change, and the pack right after a build, run no encoder; the outputs are the same bytes', async () => {
    const root = await makePortfolio({
      'courses/talk.md': courseMarkdown(sections, { 類別: 'B-1', 影音檔: '../media/talk.wav' }),
      'targets/t.yaml': '學校: 測試大學\n系所: 電機工程系\n管道: 甄選入學\n招生學年度: 114\n項目:\n  B-1:\n    - ../courses/talk.md\n',
    });
    await mkdir(join(root, 'media'));
    await recording(join(root, 'media', 'talk.wav'), 3);
    const { env, runs } = await countingFfmpeg();
    const run = (command: string) => spawnSync(process.execPath, [cli, command], { cwd: root, env, encoding: 'utf8' });

    expect(run('build').status).toBe(0);
    const first = await runs();
    expect(first).toBeGreaterThan(0);
    const fitted = await readFile(join(root, 'out', 'courses', 'talk.mp3'));

    expect(run('build').status).toBe(0);
    expect(await runs()).toBe(first);
    expect(await readFile(join(root, 'out', 'courses', 'talk.mp3'))).toEqual(fitted);

    expect(run('pack').status).toBe(0);
    expect(await runs()).toBe(first);
    expect(await readFile(join(root, 'out', 'targets', 't', 'items', 'B-1-1-talk.mp3'))).toEqual(fitted);

    // A changed recording is fitted again.
    await recording(join(root, 'media', 'talk.wav'), 2);
    expect(run('build').status).toBe(0);
    expect(await runs()).toBeGreaterThan(first);
  });
});
