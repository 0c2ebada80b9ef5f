import { reportWords } from '../../batch/messages.js';
import type { StudentReport } from '../../batch/report.js';
import { interruptSignal } from '../../infra/interrupt.js';
import type { Lang } from '../../messages.js';
import { ExitCode, usage } from '../cli-error.js';
import type { Command } from '../command.js';
import { err } from '../output.js';

const words = {
  zh: {
    queue: '請用 --queue 指定 Redis 位址，例如 --queue redis://127.0.0.1:6379',
    out: '請用 -o 指定共用的輸出資料夾（與 licheng batch --queue 的 -o 相同）',
    positional: 'worker 不接受檔名；名冊由 licheng batch --queue 排入佇列',
    concurrency: (v: string) => `--concurrency 要是正整數，不是「${v}」`,
    recover: (v: string) => `--recover-after 要是正的秒數，不是「${v}」`,
    started: (queue: string, n: number) => `worker 已啟動：佇列 ${queue}，同時處理 ${n} 位學生；按 Ctrl-C（或送 SIGTERM）會做完手上的學生再結束`,
    stopping: '正在結束：不再接新的學生，做完手上的就結束；再按一次 Ctrl-C 立即結束（手上的學生會交給其他 worker）',
    retry: '將重試',
    stopped: (n: number) => `worker 已結束，共處理 ${n} 位學生`,
  },
  en: {
    queue: 'name the Redis server with --queue, e.g. --queue redis://127.0.0.1:6379',
    out: 'name the shared output folder with -o (the same -o as licheng batch --queue)',
    positional: 'worker takes no file names; licheng batch --queue queues the roster',
    concurrency: (v: string) => `--concurrency takes a positive whole number, not ${v}`,
    recover: (v: string) => `--recover-after takes a positive number of seconds, not ${v}`,
    started: (queue: string, n: number) =>
      `worker started: queue ${queue}, ${n} students at once; Ctrl-C (or SIGTERM) finishes the students in hand, then stops`,
    stopping: 'stopping: no new students; those in hand are finished first. Ctrl-C again stops at once (they go to another worker)',
    retry: 'will be retried',
    stopped: (n: number) => `worker stopped after ${n} students`,
  },
};

/** `1001 林語彤 成功 3.2s`, the first error after it. */
function studentLine(s: StudentReport, retried: boolean, lang: Lang): string {
  const status = reportWords[lang].statuses[s.status];
  const head = `${s.id}${s.name ? ` ${s.name}` : ''} ${status}${retried ? `（${words[lang].retry}）` : ''} ${s.seconds.toFixed(1)}s`;
  return s.firstError ? `${head} — ${s.firstError}` : head;
}

const help: Record<Lang, string[]> = {
  zh: [
    '選項：',
    '  --queue URL          Redis 位址：redis://主機:連接埠[/資料庫編號]',
    '  -o DIR               共用的輸出資料夾，與排入佇列時的 -o 是同一個（佇列由它決定）',
    '  --concurrency N      同時處理幾位學生（預設：依這台電腦的核心數與記憶體）',
    '  --recover-after 秒數 一台 worker 當掉後，多久把它手上的學生交給其他 worker（預設 30）',
    '',
    '每台 worker 電腦都要能用相同的路徑看到作品集與輸出資料夾（網路磁碟或掛載的磁碟區）。',
    '範例：licheng worker --queue redis://10.0.0.5:6379 -o /mnt/匯出/113',
  ],
  en: [
    'Options:',
    '  --queue URL              the Redis server: redis://HOST:PORT[/DB]',
    '  -o DIR                   the shared output folder, the same -o the export was queued with (it names the queue)',
    "  --concurrency N          students built at once (default: what this machine's cores and memory allow)",
    '  --recover-after SECONDS  how soon the students of a worker that died go to another worker (default 30)',
    '',
    'Every worker machine must see the portfolios and the output folder at the same path (a network share or a mounted volume).',
    'Example: licheng worker --queue redis://10.0.0.5:6379 -o /mnt/export/2024',
  ],
};

function positiveNumber(text: string, integer: boolean): number | undefined {
  const value = Number(text);
  return text.trim() !== '' && Number.isFinite(value) && value > 0 && (!integer || Number.isInteger(value)) ? value : undefined;
}

export const workerCommand: Command = {
  name: 'worker',
  summary: {
    zh: '佇列 worker：從 Redis 佇列取出學生，建置並打包（licheng batch --queue 排入）',
    en: 'a queue worker: takes students from a Redis queue and builds and packs them (queued by licheng batch --queue)',
  },
  usage: 'licheng worker --queue redis://HOST:PORT[/DB] -o DIR [--concurrency N] [--recover-after SECONDS]',
  help,
  options: { queue: { type: 'string' }, out: { type: 'string', short: 'o' }, concurrency: { type: 'string' }, 'recover-after': { type: 'string' } },
  async run({ positionals, values, lang }) {
    const w = words[lang];
    if (positionals.length > 0) usage(w.positional);
    const url = (values.queue as string | undefined) ?? usage(w.queue);
    const outDir = (values.out as string | undefined) ?? usage(w.out);
    const concurrencyText = values.concurrency as string | undefined;
    const concurrency = concurrencyText === undefined ? undefined : (positiveNumber(concurrencyText, true) ?? usage(w.concurrency(concurrencyText)));
    const recoverText = values['recover-after'] as string | undefined;
    const recoverSeconds = recoverText === undefined ? undefined : (positiveNumber(recoverText, false) ?? usage(w.recover(recoverText)));
    const { runWorker } = await import('../../queue/worker.js');
    const { queueMessage } = await import('../../queue/messages.js');
    const interrupt = interruptSignal();
    interrupt.signal.addEventListener('abort', () => err(w.stopping), { once: true });
    const result = await runWorker({
      url,
      outDir,
      concurrency,
      recoverSeconds,
      signal: interrupt.signal,
      onStarted: ({ queue, concurrency }) => err(w.started(queue, concurrency)),
      onStudent: (report, retried) => err(studentLine(report, retried, lang)),
    }).finally(interrupt.dispose);
    if ('queueError' in result) usage(queueMessage(result.queueError, lang));
    err(w.stopped(result.jobs));
    return ExitCode.ok;
  },
};
