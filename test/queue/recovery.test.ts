import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdir, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Queue } from 'bullmq';
import { startRedis, type TestRedis } from '../helpers/redis.js';
import { pdfHashes } from '../helpers/school.js';
import { openQueue, queuedRun, reportContent, run, runAsync, smallSchool, startWorker, type WorkerProcess } from './cli.js';

let redis: TestRedis;
beforeAll(async () => {
  redis = await startRedis();
});
afterAll(async () => {
  await redis?.stop();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A job a worker has just started, once there is one: a job whose worker was killed stays active
 * until another worker finds it stalled, so each start (attemptsStarted) is reported once. A job
 * stalled once too often is handed out once more only to be failed at once (BullMQ's deferred
 * failure): that start is no student in a worker's hands, and killing its worker would be one
 * death too many.
 */
async function startedJob(queue: Queue, seen: Map<string, number>, done: () => boolean): Promise<string | undefined> {
  while (!done()) {
    for (const job of await queue.getActive()) {
      if ((seen.get(job.id!) ?? 0) >= job.attemptsStarted || job.deferredFailure) continue;
      seen.set(job.id!, job.attemptsStarted);
      return job.id;
    }
    await sleep(50);
  }
  return undefined;
}

async function kill(worker: WorkerProcess): Promise<void> {
  worker.child.kill('SIGKILL');
  await worker.exited;
}

/**
 * A fast worker hand-over: a dead worker's lock lasts 2 s. A live worker renews it every second, so
 * a loaded machine that holds a worker back for a moment does not make its student look abandoned.
 */
const recover = ['--concurrency', '1', '--recover-after', '2'];

describe('licheng worker failures', () => {
  it('a worker SIGKILLed mid-student loses nothing: another worker finishes it, once, with the bytes of a local batch', async () => {
    // Each student takes seconds to build, so that the one the test sees started is still in hand
    // when the kill arrives (a quick one could be finished meanwhile, and nothing left to recover).
    const dir = await smallSchool(['1', '2'], { '1': 40, '2': 40 });
    expect(run(['batch', 'roster.csv', '-o', 'local', '--jobs', '2'], dir).status).toBe(0);
    await mkdir(join(dir, 'queued'));
    // Queued before any worker runs, so that no student can be finished before the test watches.
    expect(run(['batch', 'roster.csv', '--queue', redis.url, '-o', 'queued', '--detach'], dir).status).toBe(0);
    const queue = await openQueue(redis.url, join(dir, 'queued'));
    const deadline = Date.now() + 60_000;
    const started = startedJob(queue, new Map(), () => Date.now() > deadline);
    const first = await startWorker(redis.url, 'queued', dir, recover);
    const killed = await started;
    expect(killed, "no student was seen in the first worker's hands").toBeDefined();
    await kill(first);
    const second = await startWorker(redis.url, 'queued', dir, recover);
    try {
      const collected = await runAsync(['batch', '--queue', redis.url, '--report', '-o', 'queued'], dir);
      expect(collected.status).toBe(0);
      const report = await reportContent(join(dir, 'queued'));
      expect(report).toEqual(await reportContent(join(dir, 'local')));
      expect((report.json as { students: { id: string }[] }).students.map((s) => s.id)).toEqual(['1', '2']);
      expect(await pdfHashes(join(dir, 'queued'))).toEqual(await pdfHashes(join(dir, 'local')));
      // The killed worker's student was started again (twice in all, unless a loaded machine made a
      // lock renewal late) and finished by the second worker.
      const job = (await queue.getJob(killed!))!;
      expect(job.attemptsStarted).toBeGreaterThanOrEqual(2);
      expect(job.returnvalue.worker).toMatch(new RegExp(`:${second.child.pid}$`));
      expect((await readdir(join(dir, 'queued'))).filter((n) => n.includes('.tmp-'))).toEqual([]);
    } finally {
      await queue.close();
      second.child.kill('SIGTERM');
      expect(await second.exited).toBe(0);
    }
    await rm(dir, { recursive: true, force: true });
  }, 180_000);

  it('SIGTERM: the worker takes no new student, finishes the one in hand, and exits 0', async () => {
    // Each student takes seconds to build, so that the one the test sees started is still in hand
    // when the SIGTERM arrives (a quick one could be finished, and the next one taken, meanwhile).
    const dir = await smallSchool(['1', '2'], { '1': 40, '2': 40 });
    await mkdir(join(dir, 'queued'));
    // Queued before the worker runs, so that it cannot finish both students before the test watches.
    expect(run(['batch', 'roster.csv', '--queue', redis.url, '-o', 'queued', '--detach'], dir).status).toBe(0);
    const queue = await openQueue(redis.url, join(dir, 'queued'));
    const deadline = Date.now() + 40_000;
    const watching = startedJob(queue, new Map(), () => Date.now() > deadline);
    const worker = await startWorker(redis.url, 'queued', dir, ['--concurrency', '1']);
    try {
      const started = await watching;
      expect(started, "no student was seen in the worker's hands").toBeDefined();
      worker.child.kill('SIGTERM');
      expect(await worker.exited).toBe(0);
      const job = (await queue.getJob(started!))!;
      expect(await job.getState()).toBe('completed');
      expect(job.returnvalue.worker).toMatch(new RegExp(`:${worker.child.pid}$`));
      expect(await queue.getJobCounts('waiting', 'active', 'completed')).toEqual({ waiting: 1, active: 0, completed: 1 });
      expect(worker.output()).toMatch(/^正在結束：不再接新的學生，做完手上的就結束/m);
    } finally {
      await queue.close();
    }
    await rm(dir, { recursive: true, force: true });
  }, 60_000);

  it('a student whose worker dies every time fails with its reason after three deaths; the queue goes on with the others', async () => {
    // The poison student takes seconds to build, so that no attempt can finish (and leave outputs a
    // next attempt would find done) between the moment the test sees it started and the kill.
    const dir = await smallSchool(['1', '2'], { '1': 40 });
    await mkdir(join(dir, 'queued'));
    // Queued before any worker runs, so that no student can be finished before the test watches.
    expect(run(['batch', 'roster.csv', '--queue', redis.url, '-o', 'queued', '--detach'], dir).status).toBe(0);
    const queue = await openQueue(redis.url, join(dir, 'queued'));
    const poison = (await queuedRun(join(dir, 'queued'))).students.flatMap((s) => ('jobId' in s && s.entry.id === '1' ? [s.jobId] : []))[0]!;
    let collected = false;
    const collecting = runAsync(['batch', '--queue', redis.url, '--report', '-o', 'queued'], dir).finally(() => (collected = true));
    let kills = 0;
    const seen = new Map<string, number>();
    const first = startedJob(queue, seen, () => collected);
    let worker = await startWorker(redis.url, 'queued', dir, recover);
    try {
      for (let id = await first; id !== undefined; id = await startedJob(queue, seen, () => collected)) {
        if (id !== poison) continue;
        await kill(worker);
        kills++;
        worker = await startWorker(redis.url, 'queued', dir, recover);
      }
      const result = await collecting;
      expect(result.status, `the poison student was finished before its worker was killed (${kills} kills):\n${result.stderr}\n${worker.output()}`).toBe(1);
      // Three on a quiet machine. On a loaded one a live worker that renews its 1 s lock late is a
      // death too, as far as the queue can tell, and the count of kills is one off either way; the
      // student's own count (in the message) is what the queue saw.
      expect(kills).toBeGreaterThanOrEqual(2);
      expect(kills).toBeLessThanOrEqual(4);
      expect(result.stderr).toMatch(/^\[\d\/2\] 1 學生1 失敗 0\.0s — 處理這位學生的 worker 程序 3 次都在途中結束（被關閉或當機）/m);
      expect(result.stderr).toMatch(/^\[\d\/2\] 2 學生2 成功/m);
      expect(await (await queue.getJob(poison))!.getState()).toBe('failed');
    } finally {
      await queue.close();
      worker.child.kill('SIGTERM');
      await worker.exited;
    }
    await rm(dir, { recursive: true, force: true });
  }, 90_000);

  it('a student over its time limit is tried 3 times with backoff, then reported failed with the reason; no retry for the report', async () => {
    const dir = await smallSchool(['1']);
    await mkdir(join(dir, 'queued'));
    const worker = await startWorker(redis.url, 'queued', dir, ['--concurrency', '1']);
    try {
      const result = await runAsync(['batch', 'roster.csv', '--queue', redis.url, '-o', 'queued', '--timeout', '0.05'], dir);
      expect(result.status).toBe(1);
      expect(result.stderr).toMatch(/^\[1\/1\] 1 學生1 失敗 0\.0s — 試了 3 次都沒有完成：超過 0\.05 秒仍未完成，已中止/m);
      expect(worker.output().match(/^1 學生1 逾時（將重試）/gm)).toHaveLength(3);
      const queue = await openQueue(redis.url, join(dir, 'queued'));
      const job = (await queue.getJobs(['failed']))[0]!;
      expect(job.attemptsMade).toBe(3);
      // Exponential backoff: 1 s, then 2 s between the attempts.
      expect(job.finishedOn! - job.timestamp).toBeGreaterThanOrEqual(3000);
      await queue.close();
      expect((await readdir(join(dir, 'queued'))).filter((n) => n.startsWith('.') && n !== '.licheng-queue.json')).toEqual([]);
    } finally {
      worker.child.kill('SIGTERM');
      expect(await worker.exited).toBe(0);
    }
    await rm(dir, { recursive: true, force: true });
  }, 60_000);
});
