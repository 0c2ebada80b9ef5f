import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { build } from '../src/build.js';
import { pack } from '../src/pack/pack.js';
import type { Progress } from '../src/progress.js';
import { recording, scratch } from './media/fixtures.js';
import { courseMarkdown, makePortfolio, sections } from './helpers/portfolio.js';

const cli = join(import.meta.dirname, '..', 'dist', 'licheng', 'main.cjs');
const target = '學校: 測試大學\n系所: 電機工程系\n管道: 甄選入學\n招生學年度: 114\n項目:\n  B-1:\n    - ../courses/talk.md\n    - ../courses/notes.md\n';

describe('progress of long work', () => {
  let root: string;
  let cache: string;
  beforeAll(async () => {
    root = await makePortfolio({
      'courses/talk.md': courseMarkdown(sections, { 類別: 'B-1', 影音檔: '../media/talk.wav' }),
      'courses/notes.md': courseMarkdown(sections, { 類別: 'B-1' }),
      'targets/t.yaml': target,
    });
    await mkdir(join(root, 'media'));
    await recording(join(root, 'media', 'talk.wav'), 3);
    cache = await scratch('progress-cache');
  });
  afterAll(() => Promise.all([rm(root, { recursive: true, force: true }), rm(cache, { recursive: true, force: true })]));

  it('is reported by build (documents N/M, a media encode’s share) and pack (targets, merges) through onProgress', async () => {
    const seen: Progress[] = [];
    const saved = process.env.LICHENG_CACHE_DIR;
    process.env.LICHENG_CACHE_DIR = cache;
    try {
      await build([root], { onProgress: (p) => seen.push(p) });
    } finally {
      if (saved === undefined) delete process.env.LICHENG_CACHE_DIR;
      else process.env.LICHENG_CACHE_DIR = saved;
    }
    const documents = seen.filter((p) => p.kind === 'document');
    expect(documents.map((p) => `${p.done}/${p.total}`)).toEqual(['1/2', '2/2']);
    const media = seen.flatMap((p) => (p.kind === 'media' ? [p] : []));
    expect(media.length).toBeGreaterThan(0);
    expect(media.every((p) => p.file.endsWith('talk.md'))).toBe(true);
    expect(media.at(-1)!.fraction).toBe(1);

    const packed: Progress[] = [];
    await pack([root], { cwd: root, onProgress: (p) => packed.push(p) });
    expect(packed).toContainEqual({ kind: 'target', done: 0, total: 1, name: expect.stringContaining('t.yaml') });
    expect(packed).toContainEqual({ kind: 'merge', file: 'B-1.pdf' });
  });

  it('is drawn on a terminal’s stderr, and never printed into a pipe', () => {
    const env = { ...process.env, LICHENG_CACHE_DIR: cache };
    const piped = spawnSync(process.execPath, [cli, 'build', '-o', join(cache, 'piped')], { cwd: root, encoding: 'utf8', env });
    expect(piped.status).toBe(0);
    expect(piped.stderr).not.toMatch(/\r|\x1b/);
    // script(1) gives the CLI a pseudo-terminal.
    const command = `'${process.execPath}' '${cli}' build -o '${join(cache, 'tty')}'`;
    const tty = spawnSync('script', ['-qec', command, '/dev/null'], { cwd: root, encoding: 'utf8', env });
    expect(tty.status).toBe(0);
    expect(tty.stdout).toContain('\r\x1b[K文件 2/2');
    expect(tty.stdout).toContain('已輸出 2 份文件');
  });
});
