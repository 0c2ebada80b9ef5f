import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { markerName } from '../batch/folders.js';
import { writeStudent } from './batch.js';
import { seededRandom } from './random.js';
import { startRedis, startWorker, type WorkerProcess } from './redis-server.js';
import { timedSpawn } from './stats.js';
import { connectQueue } from '../queue/connection.js';
import { enqueueBatch } from '../queue/enqueue.js';
import { readQueuedRun } from '../queue/queued-run.js';

type Figure = { value: string; target?: string; ok?: boolean } | string;

const node = process.execPath;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** Students queued at once for the enqueue figure. */
const enqueued = 10_000;
const kills = 5;

/**
 * sha256 of every file under the student folders of an output folder, but for what records times:
 * the report and each student's marker (markerName), whose figures include seconds.
 */
async function outputHashes(outDir: string): Promise<Map<string, string>> {
  const hashes = new Map<string, string>();
  for (const entry of await readdir(outDir, { recursive: true, withFileTypes: true })) {
    const path = join(entry.parentPath, entry.name);
    if (!entry.isFile() || entry.parentPath === outDir || entry.name === markerName) continue;
    hashes.set(
      path.slice(outDir.length + 1),
      createHash('sha256')
        .update(await readFile(path))
        .digest('hex'),
    );
  }
  return hashes;
}

const differing = (a: Map<string, string>, b: Map<string, string>) => [...new Set([...a.keys(), ...b.keys()])].filter((k) => a.get(k) !== b.get(k));

async function usedMemory(url: string): Promise<number> {
  const client = new Redis(url);
  const info = await client.info('memory');
  client.disconnect();
  return Number(/used_memory:(\d+)/.exec(info)?.[1]);
}

/**
 * The queue of issue #15 on this machine: the bench school (`students` × 8 documents) through a
 * Redis queue with 2 worker processes against the local `batch --jobs 2`; enqueueing 10,000
 * students and what each costs Redis; and a run in which one of the two workers is SIGKILLed at
 * random moments 5 times. The bench starts its own redis-server.
 */
export async function benchQueue(cli: string, students = 100): Promise<Record<string, Figure>> {
  const school = await mkdtemp(join(tmpdir(), 'licheng-bench-queue-'));
  const redis = await startRedis();
  const workers: WorkerProcess[] = [];
  try {
    const rows = ['id,name,path'];
    for (let n = 1; n <= students; n++) {
      const id = `S${String(n).padStart(3, '0')}`;
      await writeStudent(join(school, id), n);
      rows.push(`${id},學生${n},${id}`);
    }
    const roster = join(school, 'roster.csv');
    await writeFile(roster, rows.join('\n') + '\n');

    const local = join(school, 'local');
    const localMs = (await timedSpawn(node, [cli, 'batch', roster, '--jobs', '2', '-o', local])).ms;

    // Workers stand ready before the export is queued, as a county's would.
    const queued = join(school, 'queued');
    await mkdir(queued);
    for (let i = 0; i < 2; i++) workers.push(await startWorker(cli, redis.url, queued, school, ['--concurrency', '1']));
    const queueMs = (await timedSpawn(node, [cli, 'batch', roster, '--queue', redis.url, '-o', queued])).ms;
    const ratio = queueMs / localMs;
    const overhead = await jobOverhead(redis.url, queued);
    const same = differing(await outputHashes(local), await outputHashes(queued));

    const killed = await killedRun(cli, redis.url, school, roster, workers, queueMs);
    const killedSame = differing(await outputHashes(local), await outputHashes(killed.outDir));

    for (const w of workers.splice(0)) {
      w.child.kill('SIGTERM');
      await w.exited;
    }
    const enqueue = await benchEnqueue(redis.url);
    return {
      'queue: school': `${students} students x 8 documents; 2 worker processes x 1 student at once`,
      'queue: local `batch --jobs 2`': `${(localMs / 1000).toFixed(1)} s`,
      'queue: `batch --queue` with 2 workers (enqueue to report)': `${(queueMs / 1000).toFixed(1)} s`,
      'queue: time / local time': { value: ratio.toFixed(2), target: '<= 1.10', ok: ratio <= 1.1 },
      'queue: per-job overhead (job held − student built), mean': `${overhead.toFixed(0)} ms`,
      'queue: outputs identical to the local batch': {
        value: same.length ? `${same.length} differ: ${same.slice(0, 3).join(', ')}` : 'yes',
        target: 'yes',
        ok: same.length === 0,
      },
      [`queue: enqueue ${enqueued} students (check, hash, add)`]: { value: `${(enqueue.ms / 1000).toFixed(2)} s`, target: '<= 5 s', ok: enqueue.ms <= 5000 },
      'queue: Redis memory per queued student': `${(enqueue.bytesPerJob / 1000).toFixed(1)} kB`,
      [`queue: ${kills} random SIGKILLs of one of 2 workers: report rows`]: {
        value: `${killed.rows} rows, ${killed.distinct} students, ${killed.ok} ok${killed.notOk.length ? ` (${killed.notOk.join('; ')})` : ''}`,
        target: `${students} once each, all ok`,
        ok: killed.rows === students && killed.distinct === students && killed.ok === students,
      },
      'queue: SIGKILL run outputs identical to the local batch': {
        value: killedSame.length ? `${killedSame.length} differ` : 'yes',
        target: 'yes',
        ok: killedSame.length === 0,
      },
      'queue: SIGKILL run wall time': `${(killed.ms / 1000).toFixed(1)} s (workers recover after 2 s)`,
    };
  } finally {
    for (const w of workers) w.child.kill('SIGKILL');
    await redis.stop();
    await rm(school, { recursive: true, force: true });
  }
}

/** Mean over the jobs of the time a worker held the job beyond the student's own build. */
async function jobOverhead(url: string, outDir: string): Promise<number> {
  const run = (await readQueuedRun(outDir))!;
  const connected = await connectQueue(url);
  if ('problem' in connected) throw new Error(connected.problem.code);
  const queue = new Queue(run.queue, connected);
  try {
    const jobs = await queue.getJobs(['completed']);
    const extra = jobs.map((j) => j.finishedOn! - j.processedOn! - (j.returnvalue as { report: { seconds: number } }).report.seconds * 1000);
    return extra.reduce((a, b) => a + b, 0) / extra.length;
  } finally {
    await queue.close();
  }
}

/**
 * The export again into a fresh folder, one of the two workers SIGKILLed at 5 random moments of
 * the run (spread over the time the run took without kills) and started again.
 */
async function killedRun(cli: string, url: string, school: string, roster: string, workers: WorkerProcess[], runMs: number) {
  const outDir = join(school, 'killed');
  await mkdir(outDir);
  for (const w of workers.splice(0)) {
    w.child.kill('SIGTERM');
    await w.exited;
  }
  const recover = ['--concurrency', '1', '--recover-after', '2'];
  for (let i = 0; i < 2; i++) workers.push(await startWorker(cli, url, outDir, school, recover));
  const random = seededRandom(15);
  const moments = Array.from({ length: kills }, () => (0.05 + random() * 0.85) * runMs).sort((a, b) => a - b);
  const started = performance.now();
  let finished = false;
  const collect = timedSpawn(node, [cli, 'batch', roster, '--queue', url, '-o', outDir])
    .catch(() => undefined)
    .finally(() => (finished = true));
  for (const moment of moments) {
    await sleep(moment - (performance.now() - started));
    if (finished) break;
    const at = Math.floor(random() * workers.length);
    workers[at]!.child.kill('SIGKILL');
    await workers[at]!.exited;
    workers[at] = await startWorker(cli, url, outDir, school, recover);
  }
  await collect;
  const ms = performance.now() - started;
  const report = JSON.parse(await readFile(join(outDir, 'report.json'), 'utf8')) as { students: { id: string; status: string; firstError: string }[] };
  const notOk = report.students.filter((s) => s.status !== 'ok').map((s) => `${s.id} ${s.status}: ${s.firstError}`);
  return {
    outDir,
    ms,
    rows: report.students.length,
    distinct: new Set(report.students.map((s) => s.id)).size,
    ok: report.students.length - notOk.length,
    notOk,
  };
}

/** 10,000 one-document students queued in one command, and Redis's memory before and after. */
async function benchEnqueue(url: string): Promise<{ ms: number; bytesPerJob: number }> {
  const school = await mkdtemp(join(tmpdir(), 'licheng-bench-enqueue-'));
  try {
    const rows = ['id,path'];
    for (let n = 0; n < enqueued; n++) {
      await mkdir(join(school, `s${n}`));
      await writeFile(join(school, `s${n}`, 'portfolio.yaml'), `學生: 學生${n}\n學校: 示範高中\n`);
      rows.push(`${n},s${n}`);
    }
    await writeFile(join(school, 'roster.csv'), rows.join('\n') + '\n');
    const before = await usedMemory(url);
    const started = performance.now();
    const result = await enqueueBatch(join(school, 'roster.csv'), { url, outDir: join(school, 'out') });
    const ms = performance.now() - started;
    if (!('jobs' in result) || result.jobs !== enqueued) throw new Error(`enqueue: ${JSON.stringify(result).slice(0, 200)}`);
    return { ms, bytesPerJob: ((await usedMemory(url)) - before) / enqueued };
  } finally {
    await rm(school, { recursive: true, force: true });
  }
}
