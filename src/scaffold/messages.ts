/**
 * What `licheng init` and `licheng new` say, in Traditional Chinese (default) and English.
 * Kept beside the scaffold so the lead's catalog (src/messages.ts) stays the diagnostics' own.
 */
import type { Says } from '../messages.js';

type Args = Record<string, string | number>;
type Text = Says<Args>;

export const scaffoldErrors = {
  'pack-missing': {
    zh: (a) => `「${a.dir}」不是範本包：找不到 licheng-pack.yaml（或 .yml、.json）${a.builtIn ? `；licheng 內建的範本包：${a.builtIn}` : ''}`,
    en: (a) => `${a.dir} is not a template pack: no licheng-pack.yaml (or .yml, .json) in it${a.builtIn ? `; packs that come with licheng: ${a.builtIn}` : ''}`,
  },
  'preview-exists': {
    zh: (a) => `${a.path} 已經存在，而且不是 licheng 產生的預覽資料夾，不會覆寫；請用 -o 指定別的資料夾`,
    en: (a) => `${a.path} exists and is no preview licheng made; it is not replaced: choose another folder with -o`,
  },
  'pack-zip-invalid': {
    zh: (a) => `範本包壓縮檔 ${a.file} 無法解開（${a.reason}）；請老師重新壓縮成一般的 .zip`,
    en: (a) => `the template pack archive ${a.file} cannot be unpacked (${a.reason}); zip it again as a plain .zip`,
  },
  'pack-invalid': {
    zh: (a) => `範本包設定 ${a.file} 有誤：${a.reasonZh}`,
    en: (a) => `template pack manifest ${a.file} is invalid: ${a.reasonEn}`,
  },
  'template-invalid': {
    zh: (a) => `範本 ${a.file} 無法套用：${a.reason}`,
    en: (a) => `template ${a.file} cannot be rendered: ${a.reason}`,
  },
  'file-exists': {
    zh: (a) => `${a.path} 已經存在，不會覆寫；請換一個檔名，或先移走舊檔`,
    en: (a) => `${a.path} already exists and is not overwritten; choose another name or move the old file`,
  },
  'kind-unknown': {
    zh: (a) => `不認得的文件種類「${a.kind}」；可用：${a.allowed}`,
    en: (a) => `unknown document kind ${a.kind}; use one of ${a.allowed}`,
  },
  'file-extension': {
    zh: (a) => `${a.path}：${a.kind} 檔案的副檔名應為 ${a.ext}`,
    en: (a) => `${a.path}: a ${a.kind} file should end in ${a.ext}`,
  },
  'dir-not-folder': {
    zh: (a) => `「${a.path}」已存在，但不是資料夾；請指定新的或既有的資料夾，例如 licheng init 我的學習歷程`,
    en: (a) => `${a.path} exists and is not a folder; name a new or existing folder, e.g. licheng init my-portfolio`,
  },
  'dir-unwritable': {
    zh: (a) => `無法在「${a.path}」建立檔案（${a.reason}）；請指定你有權限寫入的資料夾`,
    en: (a) => `cannot create files in ${a.path} (${a.reason}); name a folder you can write to`,
  },
  'write-failed': {
    zh: (a) => `無法寫出 ${a.path}：${a.reason}`,
    en: (a) => `cannot write ${a.path}: ${a.reason}`,
  },
} satisfies Record<string, Text>;

export type ScaffoldErrorCode = keyof typeof scaffoldErrors;

/** Words of the init/new commands. */
export const scaffoldUi = {
  initSummary: {
    zh: '建立新的學習歷程資料夾（基本資料、各類範例、報考校系、編輯器設定）',
    en: 'scaffold a portfolio (basic data, one example of every kind, a target, editor settings)',
  },
  newSummary: {
    zh: '從範本建立一份新文件（course、performance、summary、statement、target）',
    en: 'create one document from its template (course, performance, summary, statement, target)',
  },
  created: { zh: '已建立', en: 'created' },
  skipped: { zh: '已存在，略過', en: 'exists, skipped' },
  nextSteps: {
    zh: (dir: string) => `下一步：打開 ${dir}，改寫各範例後執行「licheng build${dir === '.' ? '' : ` ${dir}`}」`,
    en: (dir: string) => `next: edit the examples in ${dir}, then run "licheng build${dir === '.' ? '' : ` ${dir}`}"`,
  },
  newMissingArgs: {
    zh: '用法：licheng new 種類 檔名（種類：course、performance、summary、statement、target）',
    en: 'usage: licheng new KIND FILE (KIND: course, performance, summary, statement, target)',
  },
  tooManyArgs: { zh: '只能指定一個資料夾', en: 'give at most one folder' },
  templateSummary: {
    zh: '檢查老師的範本包，並把每個範本排成預覽 PDF（template check PACK）',
    en: "check a teacher's template pack and typeset a preview PDF of each template (template check PACK)",
  },
  templateUsage: {
    zh: '用法：licheng template check 範本包（資料夾、.zip 或內建範本包名稱）',
    en: 'usage: licheng template check PACK (a folder, a .zip, or the name of a built-in pack)',
  },
  previewed: {
    zh: (t: string, pdf: string, pages: number) => `${t} → ${pdf}（${pages} 頁）`,
    en: (t: string, pdf: string, pages: number) => `${t} → ${pdf} (${pages} pages)`,
  },
  packOk: { zh: (name: string) => `範本包 ${name} 沒有問題`, en: (name: string) => `template pack ${name}: no problems` },
  packProblems: {
    zh: (name: string, n: number) => `範本包 ${name} 有 ${n} 個錯誤；學生用它建立的文件會無法輸出`,
    en: (name: string, n: number) => `template pack ${name} has ${n} errors; documents made from it would not build`,
  },
} as const;
