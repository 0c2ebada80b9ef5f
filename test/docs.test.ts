import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const repo = join(import.meta.dirname, '..');
const cli = join(repo, 'dist', 'licheng', 'main.cjs');
const docs = ['README.md', 'docs/SPEC.md', 'templates/README.md', 'fonts/README.md'];
const text = (file: string) => readFileSync(join(repo, file), 'utf8');

/** Lines of a doc that promise something runnable (not those that say it is planned). */
const runnableLines = (file: string) =>
  text(file)
    .split('\n')
    .filter((line) => !/planned/i.test(line));

describe('every instruction in the repository works from the repository', () => {
  it('names only licheng commands that exist', () => {
    const named = new Set<string>();
    for (const file of docs) for (const line of runnableLines(file)) for (const m of line.matchAll(/`licheng ([a-z]+)/g)) named.add(m[1]!);
    expect(named.size).toBeGreaterThan(5);
    for (const command of named) {
      const help = spawnSync(process.execPath, [cli, command, '--help'], { encoding: 'utf8' });
      expect(help.status, `licheng ${command} --help`).toBe(0);
    }
  });

  it('names only npm scripts that exist', () => {
    const { scripts } = JSON.parse(text('package.json')) as { scripts: Record<string, string> };
    for (const file of docs) for (const m of text(file).matchAll(/npm run ([a-z:-]+)/g)) expect(scripts, `${file}: npm run ${m[1]}`).toHaveProperty(m[1]!);
  });

  it('installs licheng from what `npm pack` makes, never from a registry name it is not published under', () => {
    for (const file of docs) {
      for (const m of text(file).matchAll(/npm install -g ([^\s`)]+)/g)) expect(m[1], file).toMatch(/^\.\/licheng-.*\.tgz$/);
    }
  });

  it('points at documents that are in the repository', () => {
    for (const file of docs) {
      for (const m of text(file).matchAll(/`((?:docs|templates|fonts|examples|test|src)\/(?:(?!\/out\/)[^`*…])+?)`/g)) {
        expect(existsSync(join(repo, m[1]!.replace(/\/$/, ''))), `${file} names ${m[1]}`).toBe(true);
      }
    }
    expect(text('README.md')).toContain('docs/SPEC.md');
  });
});
