import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import * as licheng from '../src/index.js';
import { columnWidths } from '../src/emit/patches/behaviour/pdfmake-column-widths.js';
import { makePortfolio, courseMarkdown, sections } from './helpers/portfolio.js';

const repo = join(import.meta.dirname, '..');

/** Runs an ES module script in a fresh Node in the repository, as a program that depends on licheng would. */
function runModule(script: string, env: NodeJS.ProcessEnv = {}): Record<string, unknown> {
  const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: repo, encoding: 'utf8', env: { ...process.env, ...env } });
  expect(run.stderr).toBe('');
  expect(run.status).toBe(0);
  return JSON.parse(run.stdout) as Record<string, unknown>;
}

describe('licheng as a library', () => {
  it('exports exactly its public API', () => {
    expect(Object.keys(licheng).sort()).toEqual([
      'BatchUsageError',
      'LichengUsageError',
      'MediaError',
      'ScaffoldError',
      'batch',
      'batchProblemMessage',
      'build',
      'channelLimits',
      'check',
      'checkPack',
      'compressFile',
      'diagnosticJson',
      'formatDiagnostic',
      'hasErrors',
      'initPortfolio',
      'isMediaError',
      'limits',
      'mediaErrorMessage',
      'message',
      'newDocument',
      'pack',
      'uploadLimits',
      'version',
    ]);
  });

  it('changes nothing in pdfmake on import, patches it on the first document, and exposes only its entry point', async () => {
    expect(existsSync(join(repo, 'dist', 'index.js')), 'npm run build first').toBe(true);
    const root = await makePortfolio({ 'courses/a.md': courseMarkdown(sections) });
    const result = runModule(
      `
      import { createHash } from 'node:crypto';
      import { createRequire } from 'node:module';
      const require = createRequire(process.cwd() + '/package.json');
      const dependencies = () => Object.keys(require.cache).filter((p) => /[\\\\/](pdfmake|pdfkit|fontkit)[\\\\/]/.test(p)).length;
      const { build } = await import('licheng');
      const loadedOnImport = dependencies();
      const columnCalculator = createRequire(require.resolve('pdfmake'))('./columnCalculator.js').default;
      const method = () => columnCalculator.buildColumnWidths;
      const hash = createHash('sha256').update(String(method())).digest('hex');
      const original = method();
      const built = await build([process.env.PORTFOLIO]);
      let internal = 'importable';
      try {
        import.meta.resolve('licheng/dist/bench/main.js');
      } catch (error) {
        internal = error.code;
      }
      const errors = built.diagnostics.filter((d) => d.severity === 'error').length;
      console.log(JSON.stringify({ loadedOnImport, hash, patchedAfterBuild: method() !== original, errors, internal }));
      `,
      { PORTFOLIO: root },
    );
    expect(result).toEqual({ loadedOnImport: 0, hash: columnWidths.sha256, patchedAfterBuild: true, errors: 0, internal: 'ERR_PACKAGE_PATH_NOT_EXPORTED' });
  });

  it('has the signatures its type test declares', () => {
    const tsc = join(repo, 'node_modules', 'typescript', 'bin', 'tsc');
    const run = spawnSync(process.execPath, [tsc, '-p', join(import.meta.dirname, 'library', 'tsconfig.json')], { cwd: repo, encoding: 'utf8' });
    expect(run.stdout + run.stderr).toBe('');
    expect(run.status).toBe(0);
  });
});
