import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { courseMarkdown, makePortfolio, sections } from './helpers/portfolio.js';

const cli = join(import.meta.dirname, '..', 'dist', 'licheng', 'main.cjs');

describe('licheng build --jobs', () => {
  it('builds in worker threads to the same bytes and manifest as in one thread', async () => {
    const files: Record<string, string> = {};
    for (let i = 1; i <= 8; i++) files[`courses/c${i}.md`] = courseMarkdown(sections + `\n第 ${i} 份文件。\n`, { 成果名稱: `成果 ${i}` });
    const root = await makePortfolio(files);
    const one = spawnSync(process.execPath, [cli, 'build', '-o', 'out/one', '--jobs', '1'], { cwd: root, encoding: 'utf8' });
    const two = spawnSync(process.execPath, [cli, 'build', '-o', 'out/two', '--jobs', '2'], { cwd: root, encoding: 'utf8' });
    expect([one.status, two.status]).toEqual([0, 0]);
    expect(two.stdout).toBe(one.stdout);
    expect(await readFile(join(root, 'out', 'two', 'manifest.json'), 'utf8')).toBe(await readFile(join(root, 'out', 'one', 'manifest.json'), 'utf8'));
    for (let i = 1; i <= 8; i++) {
      const a = await readFile(join(root, 'out', 'one', 'courses', `c${i}.pdf`));
      expect((await readFile(join(root, 'out', 'two', 'courses', `c${i}.pdf`))).equals(a)).toBe(true);
    }
  });
});
