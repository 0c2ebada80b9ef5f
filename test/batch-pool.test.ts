import { describe, expect, it } from 'vitest';
import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { runPool, type PoolOutcome } from '../src/infra/pool.js';

// A worker that misbehaves on request: the pool must survive every way a worker can die.
const workerSource = `
import { parentPort, threadId } from 'node:worker_threads';
import { writeFileSync } from 'node:fs';
process.on('exit', (code) => writeFileSync(new URL('./exited-' + threadId, import.meta.url), String(code)));
parentPort.on('message', (task) => {
  if (task === 'stop') process.exit(7);
  else if (task === 'sleep') setTimeout(() => parentPort.postMessage('late'), 60000);
  else if (task === 'throw') setTimeout(() => { throw new Error('boom'); });
  else if (task === 'exit') process.exit(3);
  else if (task === 'hang') for (;;) {}
  else parentPort.postMessage(task + ' by ' + threadId);
});
`;

async function script(): Promise<string> {
  const file = join(await mkdtemp(join(tmpdir(), 'licheng-pool-')), 'worker.mjs');
  await writeFile(file, workerSource);
  return file;
}

describe('worker pool', () => {
  it('records a thrown error, an exit and a timeout, replaces the worker and finishes every other task', async () => {
    const tasks = ['a', 'throw', 'b', 'exit', 'hang', 'c', 'd'];
    const outcomes = new Map<string, PoolOutcome<string>>();
    // The limit counts from the task's posting, so a replacement worker's start-up is inside it: 4 s
    // is some forty times what that takes, room enough for a loaded machine; only `hang` exceeds it.
    await runPool<string, string>(pathToFileURL(await script()), tasks, { jobs: 2, timeoutMs: 4000 }, async (task, outcome) => {
      outcomes.set(task, outcome);
    });
    const kinds = Object.fromEntries(tasks.map((t) => [t, outcomes.get(t)?.kind]));
    expect(kinds).toEqual({ a: 'done', throw: 'crashed', b: 'done', exit: 'crashed', hang: 'timeout', c: 'done', d: 'done' });
    expect(outcomes.get('throw')).toMatchObject({ reason: 'boom' });
    expect(outcomes.get('exit')).toMatchObject({ reason: 'exit code 3' });
    expect(outcomes.get('hang')!.ms).toBeGreaterThanOrEqual(3900);
  });

  it('asks a worker over its time limit to exit (its exit handlers run), and terminates one that cannot', async () => {
    const file = await script();
    const outcomes: PoolOutcome<string>[] = [];
    const started = performance.now();
    await runPool<string, string>(
      pathToFileURL(file),
      ['sleep', 'hang'],
      { jobs: 2, timeoutMs: 500, stopMessage: 'stop', graceMs: 1000 },
      async (_task, outcome) => {
        outcomes.push(outcome);
      },
    );
    expect(outcomes.map((o) => o.kind)).toEqual(['timeout', 'timeout']);
    // 1.5 s on a quiet machine; the bound is well below the minute the sleeping task would take to
    // answer, so it still shows that neither worker was waited for, however loaded the machine.
    expect(performance.now() - started).toBeLessThan(30_000);
    // The sleeping worker ran its exit handler with the stop's exit code; the hung one could not.
    const exits = (await readdir(dirname(file))).filter((n) => n.startsWith('exited-'));
    expect(await Promise.all(exits.map((n) => readFile(join(dirname(file), n), 'utf8')))).toEqual(['7']);
  });

  it('keeps one worker for task after task while none fails', async () => {
    const values: string[] = [];
    await runPool<string, string>(pathToFileURL(await script()), ['a', 'b', 'c'], { jobs: 1 }, async (_task, outcome) => {
      if (outcome.kind === 'done') values.push(outcome.value);
    });
    expect(new Set(values.map((v) => v.split(' by ')[1])).size).toBe(1);
    expect(values.map((v) => v.split(' by ')[0])).toEqual(['a', 'b', 'c']);
  });
});
