import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { courseMarkdown, makePortfolio, sections } from '../helpers/portfolio.js';

const cli = join(import.meta.dirname, '..', '..', 'dist', 'licheng', 'main.cjs');
const run = (args: string[], cwd: string) => spawnSync(process.execPath, [cli, ...args], { cwd, encoding: 'utf8' });

describe('--jobs beyond what the machine runs', () => {
  it('batch --jobs 64 runs at most one worker per core and says so in a notice, not an error', async () => {
    const rows = Array.from({ length: 3 }, (_, i) => `${i + 1},學生${i + 1},.`);
    const school = await makePortfolio({ 'courses/a.md': courseMarkdown(sections), 'roster.csv': `id,name,path\n${rows.join('\n')}\n` });
    const result = run(['batch', 'roster.csv', '--jobs', '64', '-o', 'exports'], school);
    expect(result.status).toBe(0);
    expect(result.stderr).toContain(`注意：--jobs 64 超過這台電腦能同時執行的數量（這台電腦有 ${availableParallelism()} 個 CPU 核心），改用 ${availableParallelism()} 個`);
    const report = JSON.parse(await readFile(join(school, 'exports', 'report.json'), 'utf8')) as { jobs: number };
    expect(report.jobs).toBeLessThanOrEqual(availableParallelism());
  });

  it('build --jobs 64 says so in English with --lang en', async () => {
    const root = await makePortfolio({ 'courses/a.md': courseMarkdown(sections) });
    const result = run(['build', '--jobs', '64', '--lang', 'en'], root);
    expect(result.status).toBe(0);
    expect(result.stderr).toContain(`note: --jobs 64 is more than this machine can run at once (this machine has ${availableParallelism()} CPU cores); using ${availableParallelism()}`);
  });
});
