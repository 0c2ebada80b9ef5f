import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'yaml';
import { courseMarkdown, makePortfolio, sections } from '../helpers/portfolio.js';

const cli = join(import.meta.dirname, '..', '..', 'dist', 'licheng', 'main.cjs');
const run = (args: string[], cwd: string) => spawnSync(process.execPath, [cli, ...args], { cwd, encoding: 'utf8' });

describe('licheng new target with hostile file names', () => {
  it('writes every document path as a YAML scalar that reads back as that path', async () => {
    const names = ['a: b.md', '專題 #1.md', '- dash.md', 'it\'s "quoted".md', 'line\nbreak.md'];
    // Within the caps (B-1 ≤ 3, B-2 ≤ 3), so every path is an item, none a comment.
    const root = await makePortfolio(
      Object.fromEntries(names.map((name, i) => [`courses/${name}`, courseMarkdown(sections, { 類別: i < 3 ? 'B-1' : 'B-2' })])),
    );
    const result = run(['new', 'target', 'targets/t.yaml'], root);
    expect(result.status, result.stderr).toBe(0);
    const target = parse(await readFile(join(root, 'targets', 't.yaml'), 'utf8')) as { 項目: Record<string, string[]> };
    expect([...target.項目['B-1']!, ...target.項目['B-2']!].toSorted()).toEqual(names.map((name) => `../courses/${name}`).toSorted());
  });
});
