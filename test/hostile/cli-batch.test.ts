import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { readFile, truncate, writeFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { runPool, type PoolOutcome } from '../../src/infra/pool.js';
import { measuredCli } from '../helpers/measure.js';
import { courseMarkdown, makePortfolio, sections } from '../helpers/portfolio.js';

const cli = join(import.meta.dirname, '..', '..', 'dist', 'licheng', 'main.cjs');
const run = (args: string[], cwd: string) => spawnSync(process.execPath, [cli, ...args], { cwd, encoding: 'utf8' });

describe('--jobs beyond what the machine runs', () => {
  it('batch --jobs 64 runs at most one worker per core and says so in a notice, not an error', async () => {
    // The student's folder is missing: the notice comes before any work, and the report after.
    const school = await makePortfolio({ 'roster.csv': 'id,name,path\n1,甲,missing\n' }, false);
    const result = run(['batch', 'roster.csv', '--jobs', '64', '-o', 'exports'], school);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(
      `注意：--jobs 64 超過這台電腦能同時執行的數量（這台電腦有 ${availableParallelism()} 個 CPU 核心），改用 ${availableParallelism()} 個`,
    );
    const report = JSON.parse(await readFile(join(school, 'exports', 'report.json'), 'utf8')) as { jobs: number };
    expect(report.jobs).toBeLessThanOrEqual(availableParallelism());
  });

  it('build --jobs 64 says so in English with --lang en', async () => {
    const root = await makePortfolio({ 'courses/a.md': courseMarkdown(sections) });
    const result = run(['build', '--jobs', '64', '--lang', 'en'], root);
    expect(result.status).toBe(0);
    expect(result.stderr).toContain(
      `note: --jobs 64 is more than this machine can run at once (this machine has ${availableParallelism()} CPU cores); using ${availableParallelism()}`,
    );
  });
});

/** The CLI with its peak resident memory (worker threads included). */
const measured = (args: string[], cwd: string) => measuredCli(cli, args, { cwd, encoding: 'utf8' });

describe('the inputs hash of --resume', () => {
  it('streams: a 3 GB file in the portfolio costs no memory and does not fail the student; --resume still notices its change', async () => {
    const school = await makePortfolio({ 'courses/a.md': courseMarkdown(sections), 'roster.csv': 'id,name,path\n1,甲,.\n', 'media/raw-footage.bin': '' });
    const huge = join(school, 'media', 'raw-footage.bin');
    // The school folder is the student's portfolio here: the exports go beside it, never inside a portfolio.
    const exports = `${school}-exports`;
    await truncate(huge, 3 * 2 ** 30);
    const first = measured(['batch', 'roster.csv', '-o', exports], school);
    expect(first.status, first.stderr).toBe(0);
    expect(first.megabytes).toBeLessThan(600);
    const statuses = async () =>
      (JSON.parse(await readFile(join(exports, 'report.json'), 'utf8')) as { students: { status: string; reused: boolean }[] }).students.map((s) =>
        s.reused ? `${s.status} (reused)` : s.status,
      );
    expect(await statuses()).toEqual(['ok']);
    expect(run(['batch', 'roster.csv', '-o', exports, '--resume'], school).status).toBe(0);
    expect(await statuses()).toEqual(['ok (reused)']);
    await truncate(huge, 3 * 2 ** 30 + 1);
    expect(run(['batch', 'roster.csv', '-o', exports, '--resume'], school).status).toBe(0);
    expect(await statuses()).toEqual(['ok']);
  });
});

// A student's worker that allocates without bound: in its JS heap, or in Buffers (a file read whole,
// /dev/zero), which resourceLimits does not cover. It gives up at 1.5 GB so that a pool without a
// guard fails this test instead of the machine.
const hogSource = `
import { parentPort } from 'node:worker_threads';
parentPort.on('message', async (task) => {
  const kept = [];
  if (task === 'buffers') while (kept.length < 96) { kept.push(Buffer.alloc(16 << 20, 1)); await new Promise((r) => setImmediate(r)); }
  if (task === 'heap') for (let i = 0; i < 3e7; i++) kept.push({ i, list: [i, i] });
  parentPort.postMessage(task + (kept.length ? ' survived' : ' done'));
});
`;

describe('a student can never take the batch down', () => {
  it('a worker over its memory, in heap or in buffers, is that task’s crash (out of memory); the others finish', async () => {
    const file = join(await makePortfolio({}, false), 'hog.mjs');
    await writeFile(file, hogSource);
    const outcomes: Record<string, PoolOutcome<string>> = {};
    const options = { jobs: 1, resourceLimits: { maxOldGenerationSizeMb: 64 }, maxExternalBytes: 256 * 2 ** 20 };
    await runPool<string, string>(pathToFileURL(file), ['buffers', 'a', 'heap', 'b'], options, async (task, outcome) => {
      outcomes[task] = outcome;
    });
    expect(outcomes.buffers).toMatchObject({ kind: 'crashed', outOfMemory: true });
    expect(outcomes.heap).toMatchObject({ kind: 'crashed', outOfMemory: true });
    expect(outcomes.a).toMatchObject({ kind: 'done', value: 'a done' });
    expect(outcomes.b).toMatchObject({ kind: 'done', value: 'b done' });
  });
});
