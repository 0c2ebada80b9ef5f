import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const cli = join(import.meta.dirname, '..', 'dist', 'licheng', 'main.cjs');
const run = (args: string[], cwd: string) => spawnSync(process.execPath, [cli, ...args], { cwd, encoding: 'utf8' });

async function fresh(): Promise<string> {
  const parent = await mkdtemp(join(tmpdir(), 'licheng-new-'));
  expect(run(['init', 'mine', '--student', '林語彤', '--school', '示範高中'], parent).status).toBe(0);
  return join(parent, 'mine');
}

describe('a freshly initialised portfolio', () => {
  it('shows only what is left to write: one line per file, no writing advice on unwritten sections', async () => {
    const root = await fresh();
    const result = run(['check'], root);
    expect(result.status).toBe(0);
    const lines = result.stdout.trim().split('\n');
    expect(lines.every((line) => line.endsWith('[placeholder-left]'))).toBe(true);
    const files = lines.map((line) => line.split(':')[0]);
    expect(new Set(files).size).toBe(files.length);
    expect(files).toContain('targets/example.yaml');
    expect(lines.find((l) => l.startsWith('courses/example-course.md'))).toMatch(/範本的提示文字還有 \d+ 處（第 [\d、]+ 行）/);
  });

  it('is not packed while the target names no school or department, and is once it does', async () => {
    const root = await fresh();
    const refused = run(['pack'], root);
    expect(refused.status).toBe(1);
    expect(refused.stdout).toContain(
      'targets/example.yaml:3:5: error: 「學校」還是範本的提示文字；請填上報考的學校名稱，這個校系才能打包 [target-placeholder]',
    );
    expect(refused.stdout).toContain(
      'targets/example.yaml:4:5: error: 「系所」還是範本的提示文字；請填上報考的系所名稱，這個校系才能打包 [target-placeholder]',
    );
    expect(existsSync(join(root, 'out', 'targets', 'example'))).toBe(false);

    const target = join(root, 'targets', 'example.yaml');
    const named = (await readFile(target, 'utf8')).replace(/學校: .*/, '學校: 國立臺灣科技大學').replace(/系所: .*/, '系所: 電機工程系');
    await writeFile(target, named);
    const packed = run(['pack'], root);
    expect(packed.stdout).not.toContain('target-placeholder');
    expect(packed.stdout).not.toContain('targets/example.yaml:3:');
  });
});
