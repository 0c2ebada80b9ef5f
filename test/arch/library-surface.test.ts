import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { batch } from '../../src/batch/batch.js';
import { BatchUsageError } from '../../src/batch/messages.js';
import { build } from '../../src/build.js';
import { check } from '../../src/check.js';
import { formatDiagnostic } from '../../src/diagnostics.js';
import { pack } from '../../src/pack/pack.js';
import { LichengUsageError } from '../../src/usage-error.js';
import { courseMarkdown, makePortfolio, sections } from '../helpers/portfolio.js';

const cli = join(import.meta.dirname, '..', '..', 'dist', 'licheng', 'main.cjs');
const target = '學校: 測試大學\n系所: 電機工程系\n管道: 甄選入學\n招生學年度: 114\n項目:\n  B-1:\n    - ../courses/a.md\n';

/** The usage error a call throws, as the CLI would print it. */
async function usageError(call: Promise<unknown>): Promise<string[]> {
  const error = await call.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(LichengUsageError);
  return (error as LichengUsageError).diagnostics.map((d) => formatDiagnostic(d, 'en'));
}

describe('the library surface', () => {
  it('throws a LichengUsageError naming every path that does not exist, before anything is done', async () => {
    const root = await makePortfolio({ 'courses/a.md': courseMarkdown(sections, { 類別: 'B-1' }), 'targets/t.yaml': target });
    const expected = ['nope:1:1: error: path nope does not exist [path-missing]', 'gone/a.md:1:1: error: path gone/a.md does not exist [path-missing]'];
    expect(await usageError(check(['.', 'nope', 'gone/a.md'], { cwd: root }))).toEqual(expected);
    expect(await usageError(build(['nope', '.', 'gone/a.md'], { cwd: root }))).toEqual(expected);
    expect(await usageError(pack(['nope', 'gone/a.md'], { cwd: root }))).toEqual(expected);
    expect(existsSync(join(root, 'out'))).toBe(false);
  });

  it('throws one for an output folder that cannot be used; the CLI prints it and exits 2', async () => {
    const root = await makePortfolio({ 'courses/a.md': courseMarkdown(sections, { 類別: 'B-1' }), 'targets/t.yaml': target });
    expect(await usageError(pack(['.'], { cwd: root, outDir: join(root, 'courses') }))).toEqual([
      expect.stringMatching(/^courses:1:1: error: .*\[out-in-portfolio\]$/),
    ]);
    const run = spawnSync(process.execPath, [cli, 'check', 'nope', '--lang', 'en'], { cwd: root, encoding: 'utf8' });
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('nope:1:1: error: path nope does not exist [path-missing]\n');
  });

  it('throws a BatchUsageError, one of them, for a roster that cannot be read', async () => {
    const root = await makePortfolio({});
    const error = await batch('名冊.csv', { cwd: root }).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(BatchUsageError);
    expect(error).toBeInstanceOf(LichengUsageError);
    expect((error as BatchUsageError).problem).toEqual({ code: 'roster-missing', args: { path: '名冊.csv' } });
    expect(existsSync(join(root, 'out'))).toBe(false);
  });

  it('packs every portfolio its paths belong to, as build and check take paths', async () => {
    const first = await makePortfolio({ 'courses/a.md': courseMarkdown(sections, { 類別: 'B-1' }), 'targets/t.yaml': target });
    const second = await makePortfolio({ 'courses/a.md': courseMarkdown(sections, { 類別: 'B-1' }), 'targets/u.yaml': target });
    const result = await pack([first, join(second, 'courses', 'a.md')], { cwd: first });
    expect(result.bundles.map((b) => [b.dir, b.ok])).toEqual([
      [join(first, 'out', 'targets', 't'), true],
      [join(second, 'out', 'targets', 'u'), true],
    ]);
    expect(existsSync(join(second, 'out', 'targets', 'u', 'B-1.pdf'))).toBe(true);
  });
});
