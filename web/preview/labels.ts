/** The preview's own words; Traditional Chinese unless the host asks for English. */
export type PreviewLang = 'zh' | 'en';

export interface PreviewLabels {
  pages: string;
  page(n: number, total: number): string;
  empty: string;
  stale(reason: string): string;
  failed: string;
}

const zh: PreviewLabels = {
  pages: '頁面',
  page: (n, total) => `第 ${n}／${total} 頁`,
  empty: '開啟一份學習歷程文件，這裡會顯示它的 PDF。',
  stale: (reason) => `這一版還不能排版，下面是上一版：${reason}`,
  failed: '這份 PDF 無法顯示。',
};

const en: PreviewLabels = {
  pages: 'Pages',
  page: (n, total) => `Page ${n} of ${total}`,
  empty: 'Open a portfolio document to see its PDF here.',
  stale: (reason) => `This version cannot be typeset yet; showing the previous one: ${reason}`,
  failed: 'This PDF cannot be shown.',
};

export function labelsFor(lang: PreviewLang = 'zh'): PreviewLabels {
  return lang === 'en' ? en : zh;
}
