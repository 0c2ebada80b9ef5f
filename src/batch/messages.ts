/**
 * What `licheng batch` says about the roster and about a student it could not build,
 * in Traditional Chinese (default) and English. Document problems keep their own catalog
 * (src/messages.ts); these are the batch's own.
 */
import { message, type Lang, type MessageId, type Says } from '../messages.js';
import { LichengUsageError } from '../usage-error.js';

export type BatchArgs = Record<string, string | number>;
type Text = Says<BatchArgs>;

/** The source an output folder overlaps: a student's portfolio (with `id`) or the roster. */
const sourceZh = (a: BatchArgs) => (a.id ? `學號 ${a.id} 的作品集「${a.source}」` : `名冊「${a.source}」`);
const sourceEn = (a: BatchArgs) => (a.id ? `the portfolio ${a.source} of student ${a.id}` : `the roster ${a.source}`);

const catalog = {
  'roster-missing': {
    zh: (a) => `找不到名冊檔「${a.path}」`,
    en: (a) => `roster ${a.path} not found`,
  },
  'roster-unreadable': {
    zh: (a) => `無法讀取名冊檔「${a.path}」：${a.reason}`,
    en: (a) => `cannot read roster ${a.path}: ${a.reason}`,
  },
  'roster-columns': {
    zh: (a) => `名冊「${a.path}」的第一行要有欄位名稱 id（或 學號、座號）與 path（或 路徑、資料夾），name（姓名）可選；現在是：${a.found}`,
    en: (a) =>
      `the first line of roster ${a.path} must name the columns id (or 學號, 座號) and path (or 路徑, 資料夾), optionally name (姓名); found: ${a.found}`,
  },
  'row-id-missing': {
    zh: (a) => `名冊第 ${a.line} 行沒有學號（id）`,
    en: (a) => `roster line ${a.line} has no id`,
  },
  'row-id-invalid': {
    zh: (a) => `名冊第 ${a.line} 行的學號「${a.id}」不能當資料夾名稱；請只用字母、數字、-、_`,
    en: (a) => `the id ${a.id} on roster line ${a.line} cannot be a folder name; use letters, digits, - and _`,
  },
  'row-id-duplicate': {
    zh: (a) => `名冊第 ${a.line} 行的學號「${a.id}」與第 ${a.first} 行重複（大小寫視為相同）`,
    en: (a) => `the id ${a.id} on roster line ${a.line} repeats line ${a.first} (letter case aside)`,
  },
  'row-path-missing': {
    zh: (a) => `名冊第 ${a.line} 行沒有作品集資料夾路徑（path）`,
    en: (a) => `roster line ${a.line} has no portfolio folder path`,
  },
  'path-not-found': {
    zh: (a) => `找不到作品集資料夾「${a.path}」（路徑以名冊所在資料夾為起點）`,
    en: (a) => `portfolio folder ${a.path} not found (paths start from the roster's folder)`,
  },
  'path-not-folder': {
    zh: (a) => `「${a.path}」不是資料夾；path 欄應填學生的作品集資料夾`,
    en: (a) => `${a.path} is not a folder; the path column names the student's portfolio folder`,
  },
  'portfolio-yaml-missing': {
    zh: (a) => `資料夾「${a.path}」裡沒有 portfolio.yaml；path 欄應指向學生的作品集資料夾`,
    en: (a) => `no portfolio.yaml in ${a.path}; the path column should name the student's portfolio folder`,
  },
  /** A problem of the output folder every command shares (src/output-folder.ts): its text is the common catalog's. */
  'out-folder': {
    zh: (a) => message(a.id as MessageId, a, 'zh'),
    en: (a) => message(a.id as MessageId, a, 'en'),
  },
  'out-holds-source': {
    zh: (a) =>
      `輸出資料夾「${a.path}」包含${sourceZh(a)}；學生的輸出會寫成「${a.path}」底下以學號命名的資料夾，可能取代原始檔。請用 -o 指定不含任何作品集與名冊的資料夾，例如 -o 匯出`,
    en: (a) =>
      `the output folder ${a.path} contains ${sourceEn(a)}; each student's outputs go to a folder named by the id in it and could replace sources. Choose with -o a folder that holds no portfolio and not the roster, e.g. -o export`,
  },
  'out-in-source': {
    zh: (a) => `輸出資料夾「${a.path}」在${sourceZh(a)}裡面；請用 -o 指定作品集與名冊以外的資料夾，例如 -o 匯出`,
    en: (a) => `the output folder ${a.path} is inside ${sourceEn(a)}; choose with -o a folder outside every portfolio, e.g. -o export`,
  },
  'out-busy': {
    zh: (a) => `另一個 licheng batch（程序 ${a.pid}）正在寫入輸出資料夾「${a.path}」；請等它結束，或用 -o 指定別的資料夾`,
    en: (a) => `another licheng batch (process ${a.pid}) is writing to the output folder ${a.path}; wait for it to finish, or choose another folder with -o`,
  },
  'commit-failed': {
    zh: (a) => `無法把輸出移到「${a.path}」：${a.reason}；請關閉其中開啟的檔案，再以 --resume 重跑`,
    en: (a) => `cannot move the outputs into ${a.path}: ${a.reason}; close any file open in it and run again with --resume`,
  },
  exception: {
    zh: (a) => `處理時發生內部錯誤：${a.reason}`,
    en: (a) => `internal error while building: ${a.reason}`,
  },
  'worker-crashed': {
    zh: (a) => `處理這位學生的工作執行緒意外結束（${a.reason}）；其他學生不受影響`,
    en: (a) => `the worker building this student stopped unexpectedly (${a.reason}); other students are unaffected`,
  },
  'worker-memory': {
    zh: (a) => `處理這位學生用掉超過 ${a.mb} MB 記憶體，已中止；請檢查作品集中是否有異常大的檔案（字型、圖片、影片）或指向裝置的路徑。其他學生不受影響`,
    en: (a) =>
      `building this student took more than ${a.mb} MB of memory and was stopped; look for an unusually large file (font, image, video) or a path to a device in the portfolio. Other students are unaffected`,
  },
  timeout: {
    zh: (a) => `超過 ${a.seconds} 秒仍未完成，已中止；可用 --timeout 放寬時限`,
    en: (a) => `not done after ${a.seconds} s and stopped; allow more with --timeout`,
  },
  'job-failed': {
    zh: (a) => `試了 ${a.attempts} 次都沒有完成：${a.reason}`,
    en: (a) => `not done after ${a.attempts} attempts: ${a.reason}`,
  },
  'job-missing': {
    zh: () => '這位學生的工作已不在佇列裡（Redis 被清空，或工作被刪除）；請用 licheng batch --queue 重新排入',
    en: () => "this student's job is no longer in the queue (Redis was emptied, or the job deleted); queue it again with licheng batch --queue",
  },
  'worker-lost': {
    zh: (a) => `處理這位學生的 worker 程序 ${a.attempts} 次都在途中結束（被關閉或當機）；請查看 worker 那台電腦的記憶體與紀錄，修正後重新排入佇列`,
    en: (a) =>
      `the worker process building this student ended midway ${a.attempts} times (killed or crashed); check the memory and logs of the worker machines, then queue it again`,
  },
  interrupted: {
    zh: () => '批次被中斷，這位學生未完成（未執行）；以 --resume 重跑即可接著做',
    en: () => 'the batch was interrupted before this student was done; run again with --resume to go on',
  },
} satisfies Record<string, Text>;

export type BatchProblemCode = keyof typeof catalog;

/** A student's outcome; report.json writes these codes, report.csv and the progress lines the words of `reportWords`. */
export type StudentStatus = 'ok' | 'errors' | 'failed' | 'timeout' | 'interrupted';

/** report.csv's columns, in order, named as report.json's fields. */
export const reportColumns = ['id', 'name', 'path', 'status', 'reused', 'errors', 'warnings', 'documents', 'bytes', 'seconds', 'firstError'] as const;
type Headings = Record<(typeof reportColumns)[number], string>;

/** What the office reads: report.csv's headings and statuses, the progress and summary lines. */
export const reportWords: Record<Lang, { headings: Headings; statuses: Record<StudentStatus, string>; reused: string; yes: string }> = {
  zh: {
    headings: {
      id: '學號',
      name: '姓名',
      path: '路徑',
      status: '狀態',
      reused: '沿用',
      errors: '錯誤',
      warnings: '警告',
      documents: '文件數',
      bytes: '位元組',
      seconds: '秒數',
      firstError: '第一個錯誤',
    },
    statuses: { ok: '成功', errors: '有錯誤', failed: '失敗', timeout: '逾時', interrupted: '未執行' },
    reused: '沿用',
    yes: '是',
  },
  en: {
    headings: {
      id: 'id',
      name: 'name',
      path: 'path',
      status: 'status',
      reused: 'reused',
      errors: 'errors',
      warnings: 'warnings',
      documents: 'documents',
      bytes: 'bytes',
      seconds: 'seconds',
      firstError: 'first error',
    },
    statuses: { ok: 'ok', errors: 'errors', failed: 'failed', timeout: 'timed out', interrupted: 'not run' },
    reused: 'reused',
    yes: 'yes',
  },
};

/** A problem of the roster or of one student's run, not of a document. */
export interface BatchProblem {
  code: BatchProblemCode;
  args: BatchArgs;
}

export const problem = (code: BatchProblemCode, args: BatchArgs = {}): BatchProblem => ({ code, args });

export function problemMessage(p: BatchProblem, lang: Lang): string {
  return catalog[p.code][lang](p.args);
}

/** The roster cannot be read or the output folder cannot be used: the batch builds nothing. The CLI says `problem` and exits 2. */
export class BatchUsageError extends LichengUsageError {
  constructor(readonly problem: BatchProblem) {
    super([]);
    this.name = 'BatchUsageError';
    this.message = problem.code;
  }
}
