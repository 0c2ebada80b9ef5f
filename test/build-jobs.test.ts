import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { build } from '../src/build.js';
import type { Progress } from '../src/progress.js';
import { courseMarkdown, makePortfolio, sections } from './helpers/portfolio.js';

const cli = join(import.meta.dirname, '..', 'dist', 'licheng', 'main.cjs');

describe('build with more than one thread', () => {
  it('shares the documents between this thread and a worker, to the same bytes and manifest as in one thread', async () => {
    // Enough documents that the worker is up long before this thread has built them all.
    const count = 24;
    const files: Record<string, string> = {};
    for (let i = 1; i <= count; i++) files[`courses/c${i}.md`] = courseMarkdown(sections + `\n第 ${i} 份文件。\n`, { 成果名稱: `成果 ${i}` });
    const root = await makePortfolio(files);
    const one = spawnSync(process.execPath, [cli, 'build', '-o', 'out/one', '--jobs', '1'], { cwd: root, encoding: 'utf8' });
    expect(one.status, one.stderr).toBe(0);
    // The bundled worker script is what the library starts, as the CLI does.
    const threads = new Map<string, number>();
    const result = await build([root], {
      outDir: join(root, 'out', 'two'),
      jobs: 2,
      onProgress: (p: Progress) => p.kind === 'document' && threads.set(p.file, p.thread),
    });
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(threads.size).toBe(count);
    const [here, worker] = [0, 1].map((thread) => [...threads.values()].filter((t) => t === thread).length);
    expect(here, 'documents built in the calling thread').toBeGreaterThan(0);
    expect(worker, 'documents built in the worker').toBeGreaterThan(0);

    expect(await readFile(join(root, 'out', 'two', 'manifest.json'), 'utf8')).toBe(await readFile(join(root, 'out', 'one', 'manifest.json'), 'utf8'));
    for (let i = 1; i <= count; i++) {
      const a = await readFile(join(root, 'out', 'one', 'courses', `c${i}.pdf`));
      expect((await readFile(join(root, 'out', 'two', 'courses', `c${i}.pdf`))).equals(a)).toBe(true);
    }
  });
});
