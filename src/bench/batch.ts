import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { batch } from '../batch/batch.js';
import { courseMarkdown } from './fixtures.js';
import { mb } from './table.js';

type Figure = { value: string; target?: string; ok?: boolean } | string;

const students = 100;
/** Sentences in a course's 學習過程: with the fixed parts, a 1–2 page document. */
const processSentences = 4;

const portfolioYaml = (n: number) =>
  ['學生: 學生' + String(n).padStart(3, '0'), '學校: 臺北市立示範高級工業職業學校', '科別: 電機與電子群 資訊科', '班級: 三年二班', ''].join('\n');

const performance = [
  '---',
  '名稱: 社區長者數位學習志工',
  '類別: C-4',
  '日期: 2024-03-09',
  '主辦單位: 臺北市立示範高工學務處',
  '職務: 志工',
  '時數: 18',
  '簡述: 每週六教社區長者使用手機視訊與行動支付，共 6 次 18 小時，並整理一份圖解操作手冊給里辦公處。',
  '---',
  '',
  '## 說明',
  '',
  '這是學校與里辦公處合作的服務學習活動，我負責教長者使用手機的視訊通話與行動支付。',
  '',
  '## 過程',
  '',
  '第一次上課時我發現長者記不住步驟，於是把每個步驟拍照，做成一張張放大字體的圖解卡片。之後每週先複習上週的卡片，再教新的功能。',
  '',
  '## 心得與反思',
  '',
  '我學到教學要從對方的角度出發。原本以為很簡單的操作，對長者來說每一步都是新的；放慢速度、讓他們自己按一次，比我示範十次更有用。',
  '',
].join('\n');

const summary = [
  '---',
  '標題: 從動手做到教別人做',
  '---',
  '',
  '高中三年，我的多元表現圍繞著同一件事：把想法做出來，再讓別人也能用。',
  '',
  '在服務學習中，我第一次當老師，發現把一件事說清楚比自己做會更難。這讓我在專題報告中也更注意讀者是否看得懂。',
  '',
  '未來我想在資訊領域深入學習人機介面，做出長者也能輕鬆使用的產品。',
  '',
].join('\n');

const target = [
  '學校: 國立臺灣科技大學',
  '系所: 資訊工程系',
  '管道: 甄選入學',
  '招生學年度: 114',
  '項目:',
  '  B-1:',
  '    - ../courses/course-1.md',
  '    - ../courses/course-2.md',
  '  B-2:',
  '    - ../courses/course-3.md',
  '    - ../courses/course-4.md',
  '    - ../courses/course-5.md',
  '  C:',
  '    - ../performances/service.md',
  '  D-1: ../summary.md',
  '表A:',
  '  自我推薦: 我擅長把想法做成能運作的作品，並在失敗中找出原因。',
  '  興趣與專長: Python、Arduino、資料分析',
  '',
].join('\n');

/** One student: portfolio.yaml, 6 course outcomes (2 B-1, 4 B-2), 1 performance, D-1, one target. */
export async function writeStudent(root: string, n: number): Promise<void> {
  await mkdir(join(root, 'courses'), { recursive: true });
  await mkdir(join(root, 'performances'));
  await mkdir(join(root, 'targets'));
  await writeFile(join(root, 'portfolio.yaml'), portfolioYaml(n));
  for (let c = 1; c <= 6; c++) {
    const markdown = courseMarkdown(n * 6 + c, processSentences);
    await writeFile(join(root, 'courses', `course-${c}.md`), c <= 2 ? markdown.replace('類別: B-2', '類別: B-1') : markdown);
  }
  await writeFile(join(root, 'performances', 'service.md'), performance);
  await writeFile(join(root, 'summary.md'), summary);
  await writeFile(join(root, 'targets', 'ntust-csie.yaml'), target);
}

/**
 * `licheng batch` over a synthetic school: 100 students × 8 text documents, one target each,
 * with the default number of workers. Documents per second end to end (build, pack, report)
 * and memory: each worker's own peak heap (plus Buffers it holds), and the process's peak RSS
 * shared out over the workers (they are threads of one process).
 */
export async function benchBatch(jobs?: number): Promise<Record<string, Figure>> {
  const school = await mkdtemp(join(tmpdir(), 'licheng-bench-batch-'));
  try {
    const rows = ['id,name,path'];
    for (let n = 1; n <= students; n++) {
      const id = `S${String(n).padStart(3, '0')}`;
      await writeStudent(join(school, id), n);
      rows.push(`${id},學生${String(n).padStart(3, '0')},${id}`);
    }
    await writeFile(join(school, 'roster.csv'), rows.join('\n') + '\n');

    (globalThis as { gc?: () => void }).gc?.();
    const baseline = process.memoryUsage.rss();
    let peakRss = baseline;
    const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage.rss())), 100);
    const load = loadavg()[0]!;
    const cpu = process.cpuUsage();
    const started = globalThis.performance.now();
    const result = await batch(join(school, 'roster.csv'), { jobs });
    const seconds = (globalThis.performance.now() - started) / 1000;
    const used = process.cpuUsage(cpu);
    const cpuSeconds = (used.user + used.system) / 1e6;
    clearInterval(sampler);
    peakRss = Math.max(peakRss, process.memoryUsage.rss());

    const documents = result.students.reduce((n, s) => n + s.documents, 0);
    const notOk = result.students.filter((s) => s.status !== 'ok');
    const manifest = JSON.parse(await readFile(join(result.outDir, 'S001', 'manifest.json'), 'utf8')) as { documents: { pdf: { pages: number } | null }[] };
    const pages = manifest.documents.map((d) => d.pdf?.pages ?? 0);
    const docsPerSecond = documents / seconds;
    const docsPerCpuSecond = documents / cpuSeconds;
    const heapPeak = Math.max(...result.workers.map((w) => w.heapPeak));
    const workerPeak = Math.max(...result.workers.map((w) => w.heapPeak + w.externalPeak));
    // What the workers add to the process: the main thread's own RSS (and whatever the bench held before) excluded.
    const rssPerWorker = (peakRss - baseline) / result.jobs;
    return {
      'batch: school': `${students} students x ${documents / students} documents (${Math.min(...pages)}-${Math.max(...pages)} pages each) + 1 target; ${result.jobs} workers`,
      'batch: students not ok': {
        value: notOk.length ? notOk.map((s) => `${s.id} ${s.status}: ${s.firstError}`).join('; ') : '0',
        target: '0',
        ok: notOk.length === 0,
      },
      'batch: wall time': `${seconds.toFixed(1)} s`,
      'batch: documents/second end to end': { value: `${docsPerSecond.toFixed(1)} docs/s`, target: '>= 40 docs/s', ok: docsPerSecond >= 40 },
      'batch: CPU time, all threads (load-insensitive)': `${cpuSeconds.toFixed(1)} s = ${docsPerCpuSecond.toFixed(1)} docs per CPU-second`,
      'batch: 1-minute load average at start': load.toFixed(2),
      'batch: peak V8 heap per worker (max over workers)': { value: mb(heapPeak), target: '<= 300 MB', ok: heapPeak <= 300e6 },
      'batch: peak heap + Buffers per worker (max over workers)': { value: mb(workerPeak), target: '<= 300 MB', ok: workerPeak <= 300e6 },
      'batch: RSS added per worker ((peak − before) / workers)': {
        value: `(${mb(peakRss)} − ${mb(baseline)}) / ${result.jobs} = ${mb(rssPerWorker)}`,
        target: '<= 300 MB',
        ok: rssPerWorker <= 300e6,
      },
      'batch: process RSS before the batch': mb(baseline),
    };
  } finally {
    await rm(school, { recursive: true, force: true });
  }
}
