import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const repo = join(import.meta.dirname, '..');
const biome = (...args: string[]) =>
  spawnSync(
    process.execPath,
    [join(repo, 'node_modules', '@biomejs', 'biome', 'bin', 'biome'), ...args, '--colors=off', 'src', 'test', 'web', 'editors/vscode/src'],
    { cwd: repo, encoding: 'utf8' },
  );

/** Findings as `path:line:col rule`, to read in a failure. */
const findings = (output: string) => output.split('\n').filter((line) => /^(src|test|web|editors)\/\S+:\d+:\d+ /.test(line));

describe('the code (biome.jsonc)', () => {
  it('passes the linter', () => {
    const run = biome('lint', '--max-diagnostics=50');
    expect(findings(run.stdout + run.stderr)).toEqual([]);
    expect(run.status).toBe(0);
  });

  it('is formatted (npm run format)', () => {
    const run = biome('format', '--max-diagnostics=50');
    expect(findings(run.stdout + run.stderr)).toEqual([]);
    expect(run.status).toBe(0);
  });
});
