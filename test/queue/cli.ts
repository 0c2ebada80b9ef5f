import { spawn, spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Queue } from 'bullmq';
import { connectQueue } from '../../src/queue/connection.js';
import type { QueuedRun } from '../../src/queue/queued-run.js';
import { courseMarkdown, portfolioYaml, sections } from '../helpers/portfolio.js';
import { startWorker as startWorkerProcess, type WorkerProcess } from '../../src/bench/redis-server.js';

/** The CLI as installed, and what the queue tests share: workers as child processes, the queued run, the queue itself. */
export const cli = join(import.meta.dirname, '..', '..', 'dist', 'licheng', 'main.cjs');

export const run = (args: string[], cwd: string) => spawnSync(process.execPath, [cli, ...args], { cwd, encoding: 'utf8', timeout: 120_000 });

/** The same, without blocking the test (workers run beside it). */
export function runAsync(args: string[], cwd: string): Promise<{ status: number | null; stderr: string; stdout: string }> {
  const child = spawn(process.execPath, [cli, ...args], { cwd });
  let stderr = '';
  let stdout = '';
  child.stderr.on('data', (d) => (stderr += d));
  child.stdout.on('data', (d) => (stdout += d));
  return new Promise((resolve) => child.on('exit', (status) => resolve({ status, stderr, stdout })));
}

export type { WorkerProcess };

/** `licheng worker` as a child process; resolves once it has said it started. */
export const startWorker = (url: string, outDir: string, cwd: string, extra: string[] = []): Promise<WorkerProcess> =>
  startWorkerProcess(cli, url, outDir, cwd, extra);

export const queuedRun = async (outDir: string) => JSON.parse(await readFile(join(outDir, '.licheng-queue.json'), 'utf8')) as QueuedRun;

/** The output folder's queue, opened with the product's own connection. */
export async function openQueue(url: string, outDir: string): Promise<Queue> {
  const connected = await connectQueue(url);
  if ('problem' in connected) throw new Error(connected.problem.code);
  return new Queue((await queuedRun(outDir)).queue, connected);
}

interface Report {
  roster: string;
  encoding: string;
  summary: Record<string, number>;
  students: Record<string, unknown>[];
}

/** report.json and report.csv without what differs from run to run: times, and how many workers ran. */
export async function reportContent(outDir: string): Promise<{ json: unknown; csv: string[][] }> {
  const { roster, encoding, summary, students } = JSON.parse(await readFile(join(outDir, 'report.json'), 'utf8')) as Report;
  const csv = (await readFile(join(outDir, 'report.csv'), 'utf8')).split('\r\n').map((line) => line.split(','));
  const seconds = csv[0]!.indexOf('秒數');
  return {
    json: { roster, encoding, summary, students: students.map(({ seconds: _, ...rest }) => rest) },
    csv: csv.map((row) => row.filter((_, i) => i !== seconds)),
  };
}

/**
 * A school of small students (one course outcome each: quick to build, unless `courses` gives a
 * student more) and its roster, `id,name,path`.
 */
export async function smallSchool(ids: string[], courses: Record<string, number> = {}): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'licheng-queue-'));
  for (const id of ids) {
    await mkdir(join(dir, id, 'courses'), { recursive: true });
    await writeFile(join(dir, id, 'portfolio.yaml'), portfolioYaml);
    await writeFile(join(dir, id, 'courses', 'course.md'), courseMarkdown(sections, { 成果名稱: `學生 ${id} 的成果` }));
    for (let n = 2; n <= (courses[id] ?? 1); n++)
      await writeFile(join(dir, id, 'courses', `course-${n}.md`), courseMarkdown(sections, { 成果名稱: `學生 ${id} 的成果 ${n}` }));
  }
  await writeFile(join(dir, 'roster.csv'), ['id,name,path', ...ids.map((id) => `${id},學生${id},${id}`)].join('\n') + '\n');
  return dir;
}
