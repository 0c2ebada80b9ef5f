/**
 * What the extension itself says (the manifest's titles are in package.nls*.json): Traditional
 * Chinese, English when VS Code's display language is English.
 */
export type UiLang = 'zh' | 'en';

export const uiLangOf = (vscodeLanguage: string): UiLang => (vscodeLanguage === 'en' || vscodeLanguage.startsWith('en-') ? 'en' : 'zh');

export interface Strings {
  previewTitle(name: string): string;
  serverFailed(detail: string): string;
  noPortfolioDocument: string;
  working(what: string): string;
  summary(chars: number, cap: number): string;
  pdfSize(size: string, cap: string): string;
  statusTooltip: string;
  targetProblems(errors: number, warnings: number): string;
  ready: string;
  documentsGroup: string;
  countsGroup: string;
  noPdfYet: string;
  overCap: string;
  pickKind: string;
  pickTemplate: string;
  builtInTemplate: string;
  templateFromFolder: string;
  newFileTitle: string;
  kinds: Record<'course' | 'performance' | 'summary' | 'statement' | 'target', string>;
  pickMedia: string;
  pickTarget: string;
  openInBrowser: string;
  browserAddress(url: string): string;
  show: string;
  building: string;
  packing: string;
  compressing: string;
}

const zh: Strings = {
  previewTitle: (name) => `預覽：${name}`,
  serverFailed: (detail) => `licheng 語言伺服器無法啟動：${detail}`,
  noPortfolioDocument: '請先開啟學習歷程的 .md 文件（courses/、performances/、statements/ 或 summary.md）。',
  working: (what) => `licheng：${what}…`,
  summary: (chars, cap) => `簡述 ${chars}／${cap} 字`,
  pdfSize: (size, cap) => `PDF ${size}／${cap}`,
  statusTooltip: '目前文件的簡述字數與 PDF 大小（上傳上限）',
  targetProblems: (errors, warnings) => (errors ? `${errors} 個錯誤` : '') + (errors && warnings ? '、' : '') + (warnings ? `${warnings} 個警告` : ''),
  ready: '可以打包',
  documentsGroup: '文件',
  countsGroup: '件數',
  noPdfYet: '尚未排版',
  overCap: '超過上限',
  pickKind: '要新增哪一種文件？',
  pickTemplate: '用哪一套範本？',
  builtInTemplate: '內建範本',
  templateFromFolder: '老師的範本包（資料夾或 .zip）…',
  newFileTitle: '新文件存在哪裡？',
  kinds: { course: '課程學習成果', performance: '多元表現', summary: '多元表現綜整心得', statement: '學習歷程自述', target: '報考校系' },
  pickMedia: '要壓縮哪個照片或影音檔？',
  pickTarget: '要打包哪個報考校系？',
  openInBrowser: '在瀏覽器開啟預覽',
  browserAddress: (url) => `預覽已在瀏覽器開啟：${url}`,
  show: '顯示檔案',
  building: '排版 PDF',
  packing: '打包上傳檔案',
  compressing: '壓縮影音與照片',
};

const en: Strings = {
  previewTitle: (name) => `Preview: ${name}`,
  serverFailed: (detail) => `The licheng language server could not start: ${detail}`,
  noPortfolioDocument: 'Open a portfolio .md document first (courses/, performances/, statements/ or summary.md).',
  working: (what) => `licheng: ${what}…`,
  summary: (chars, cap) => `Summary ${chars}/${cap} chars`,
  pdfSize: (size, cap) => `PDF ${size}/${cap}`,
  statusTooltip: "The current document's summary length and PDF size (upload cap)",
  targetProblems: (errors, warnings) =>
    [errors ? `${errors} error${errors > 1 ? 's' : ''}` : '', warnings ? `${warnings} warning${warnings > 1 ? 's' : ''}` : ''].filter(Boolean).join(', '),
  ready: 'ready to pack',
  documentsGroup: 'Documents',
  countsGroup: 'Items',
  noPdfYet: 'not typeset yet',
  overCap: 'over the cap',
  pickKind: 'Which kind of document?',
  pickTemplate: 'Which templates?',
  builtInTemplate: 'Built-in templates',
  templateFromFolder: "A teacher's template pack (folder or .zip)…",
  newFileTitle: 'Where should the new document go?',
  kinds: { course: 'Course outcome', performance: 'Performance', summary: 'Performance summary', statement: 'Personal statement', target: 'Target department' },
  pickMedia: 'Which photo, video or audio file should be compressed?',
  pickTarget: 'Which target should be packed?',
  openInBrowser: 'Open the preview in a browser',
  browserAddress: (url) => `The preview is open in your browser: ${url}`,
  show: 'Show the file',
  building: 'Typesetting the PDF',
  packing: 'Packing the upload files',
  compressing: 'Compressing media',
};

export const stringsFor = (lang: UiLang): Strings => (lang === 'en' ? en : zh);
