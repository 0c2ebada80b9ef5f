import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { courseMarkdown, sections } from '../helpers/portfolio.js';
import { freePort, startRedis, type TestRedis } from '../helpers/redis.js';
import { pdfHashes, school } from '../helpers/school.js';
import { openQueue, queuedRun, reportContent, run, runAsync, startWorker } from './cli.js';

let redis: TestRedis;
beforeAll(async () => {
  redis = await startRedis();
});
afterAll(async () => {
  await redis?.stop();
});

describe('licheng batch --queue with licheng worker', () => {
  it('two worker processes export the roster; the report and the PDFs are those of a local batch; errors are not retried; queueing again is idempotent', async () => {
    const dir = await school(['s1'], 'id,name,班級,path\n1001,林語彤,301,s1\n1002,王小明,301,s2\n1004,沒有人,302,nobody\n');
    await mkdir(join(dir, 's2', 'courses'), { recursive: true });
    await writeFile(join(dir, 's2', 'courses', 'course.md'), courseMarkdown(sections));
    await writeFile(join(dir, 's2', 'portfolio.yaml'), '學生: 王小明\n學校: "示範高中\n');
    expect(run(['batch', 'roster.csv', '-o', 'local', '--jobs', '2'], dir).status).toBe(1);

    await mkdir(join(dir, 'queued'));
    const workers = await Promise.all([
      startWorker(redis.url, 'queued', dir, ['--concurrency', '1']),
      startWorker(redis.url, 'queued', dir, ['--concurrency', '1']),
    ]);
    try {
      const queued = await runAsync(['batch', 'roster.csv', '--queue', redis.url, '-o', 'queued'], dir);
      expect(queued.status).toBe(1);
      expect(queued.stderr).toMatch(/^已排入 2 位學生到佇列 licheng-[0-9a-f]{12}/m);
      expect(queued.stderr).toMatch(/^目前有 2 個 worker 連著這個佇列$/m);
      expect(queued.stderr).toMatch(/^\[\d\/3\] 1002 王小明 有錯誤 \d+\.\ds — portfolio\.yaml:2:5: error: YAML 格式錯誤/m);
      expect(queued.stderr).toMatch(/^完成 3 位學生：成功 1 · 有錯誤 1 · 失敗 1 · 逾時 0/m);
      expect(await reportContent(join(dir, 'queued'))).toEqual(await reportContent(join(dir, 'local')));
      expect(await pdfHashes(join(dir, 'queued'))).toEqual(await pdfHashes(join(dir, 'local')));
      expect(Object.keys(await pdfHashes(join(dir, 'queued'))).length).toBeGreaterThan(5);

      // The student with document errors finished on its first attempt: an outcome, not a crash.
      const queue = await openQueue(redis.url, join(dir, 'queued'));
      const ids = (await queuedRun(join(dir, 'queued'))).students.flatMap((s) => ('jobId' in s ? [s.jobId] : []));
      expect(ids).toHaveLength(2);
      const jobs = await Promise.all(ids.map((id) => queue.getJob(id)));
      expect(await Promise.all(jobs.map((j) => j!.getState()))).toEqual(['completed', 'completed']);
      expect(jobs.map((j) => j!.attemptsMade)).toEqual([1, 1]);
      const finished = jobs.map((j) => j!.finishedOn);

      // Queued again with --resume: the same jobs, nothing added, nothing built; the report is there at once.
      const again = run(['batch', 'roster.csv', '--queue', redis.url, '-o', 'queued', '--resume', '--detach'], dir);
      expect(again.status).toBe(0);
      expect(await queue.getJobCounts('waiting', 'active', 'delayed', 'completed')).toEqual({ waiting: 0, active: 0, delayed: 0, completed: 2 });
      const collected = run(['batch', '--queue', redis.url, '--report', '-o', 'queued', '--format', 'json'], dir);
      expect(collected.status).toBe(1);
      expect(JSON.parse(collected.stdout).summary).toMatchObject({ total: 3, ok: 1, errors: 1, failed: 1 });
      expect((await Promise.all(ids.map((id) => queue.getJob(id)))).map((j) => j!.finishedOn)).toEqual(finished);

      await queue.close();
    } finally {
      for (const w of workers) w.child.kill('SIGTERM');
      expect(await Promise.all(workers.map((w) => w.exited))).toEqual([0, 0]);
    }
    expect(workers.map((w) => w.output()).join('')).toMatch(/^worker 已結束，共處理 \d+ 位學生$/m);
    await rm(dir, { recursive: true, force: true });
  }, 120_000);

  it('says what is wrong with the Redis address, an unreachable Redis and a worker whose shared folder is missing, in Chinese or English; exit 2', async () => {
    const dir = await school([], 'id,name,path\n');
    const port = await freePort();
    const cases: [string[], RegExp][] = [
      [
        ['batch', 'roster.csv', '--queue', 'http://localhost:6379'],
        /^licheng: --queue 的值「http:\/\/localhost:6379」不是 Redis 位址；請寫成 redis:\/\/主機:連接埠/,
      ],
      [
        ['batch', 'roster.csv', '--queue', `redis://127.0.0.1:${port}`],
        new RegExp(`^licheng: 連不上 Redis「127\\.0\\.0\\.1:${port}/0」（ECONNREFUSED）；請確認 Redis 已啟動`),
      ],
      [
        ['batch', 'roster.csv', '--queue', `redis://127.0.0.1:${port}`, '--lang', 'en'],
        new RegExp(`^licheng: cannot reach Redis at 127\\.0\\.0\\.1:${port}/0 \\(ECONNREFUSED\\); check that redis-server is running`),
      ],
      [['worker', '--queue', redis.url, '-o', 'share/out'], /^licheng: 共用資料夾「share\/out」在這台電腦上不存在；請先掛載學校的網路磁碟/],
      [
        ['worker', '--queue', redis.url, '-o', 'share/out', '--lang', 'en'],
        /^licheng: the shared folder share\/out does not exist on this machine; mount the school's network share/,
      ],
      [['batch', '--queue', redis.url, '--report', '-o', '.'], /^licheng: 輸出資料夾「\.」沒有排入佇列的匯出；請先執行 licheng batch 名冊\.csv --queue/],
      [['batch', 'roster.csv', '--detach'], /^licheng: --detach 只能與 --queue 一起用/],
      [['batch', 'roster.csv', '--queue', redis.url, '--jobs', '2'], /^licheng: 用 --queue 時由各台 worker 決定/],
      [['worker', '--queue', redis.url], /^licheng: 請用 -o 指定共用的輸出資料夾/],
    ];
    const results = await Promise.all(cases.map(([args]) => runAsync(args, dir)));
    for (const [i, [args, message]] of cases.entries()) {
      const result = results[i]!;
      expect({ args, status: result.status }).toEqual({ args, status: 2 });
      expect(result.stderr).toMatch(message);
      expect(result.stderr).not.toMatch(/\n\s+at /);
    }
    await rm(dir, { recursive: true, force: true });
  }, 60_000);
});
