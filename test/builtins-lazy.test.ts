import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { courseMarkdown, makePortfolio, sections } from './helpers/portfolio.js';

/**
 * Node's built-in modules a command does not use are not loaded: node:child_process (only the
 * studio's "open the browser" and ffmpeg need it) costs ~10 ms to load, node:worker_threads only
 * `--jobs` above one needs.
 */
const cli = join(import.meta.dirname, '..', 'dist', 'licheng', 'main.cjs');
let root: string;
beforeAll(async () => {
  // Eight documents: `--jobs 2` starts a worker for four or more each (src/build.ts).
  root = await makePortfolio(Object.fromEntries('abcdefgh'.split('').map((name) => [`courses/${name}.md`, courseMarkdown(sections)])));
  await writeFile(join(root, 'loaded.cjs'), "process.on('exit', () => process.stderr.write('\\nLOADED ' + process.moduleLoadList.join(',') + '\\n'));\n");
});
afterAll(() => rm(root, { recursive: true, force: true }));

/** The built-in modules the CLI loaded for `args`. */
function loaded(args: string[]): string[] {
  const run = spawnSync(process.execPath, ['-r', join(root, 'loaded.cjs'), cli, ...args], { cwd: root, encoding: 'utf8' });
  const line = run.stderr.split('\n').find((l) => l.startsWith('LOADED '));
  expect(line, run.stderr).toBeDefined();
  return line!
    .slice('LOADED '.length)
    .split(',')
    .flatMap((m) => (m.startsWith('NativeModule ') ? [m.slice('NativeModule '.length)] : []));
}

describe('built-in modules a command loads', () => {
  it('a one-thread build of a text-only document loads neither child_process nor worker_threads', () => {
    const modules = loaded(['build', 'courses/a.md', '-o', 'out']);
    expect(modules).toContain('zlib');
    expect(modules).not.toContain('child_process');
    expect(modules).not.toContain('worker_threads');
  });

  it('`--jobs 2` loads worker_threads when it starts a worker', () => {
    expect(loaded(['build', '.', '-o', 'out', '--jobs', '2'])).toContain('worker_threads');
  });
});
