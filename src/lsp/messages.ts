/**
 * What the language server says that is not a document's diagnostic (those keep src/messages.ts):
 * why a preview has no PDF, hover texts, quick-fix titles, command results.
 */
import type { Lang } from '../messages.js';

export type LspArgs = Record<string, string | number>;
type Text = (a: LspArgs) => string;

const catalog = {
  'preview-not-document': {
    zh: () => '這個檔案不是學習歷程文件（要放在作品集的 courses/、performances/、statements/ 或是 summary.md），沒有 PDF 可預覽',
    en: () => 'this file is no portfolio document (it belongs in courses/, performances/, statements/ or is summary.md): there is no PDF to preview',
  },
  'preview-no-portfolio': {
    zh: () => '找不到 portfolio.yaml：請在作品集資料夾中開啟這個檔案',
    en: () => 'no portfolio.yaml found: open this file inside its portfolio folder',
  },
  'preview-errors': {
    zh: (a) => `還有 ${a.count} 個錯誤，修正後才有 PDF；第一個：${a.first}`,
    en: (a) => `${a.count} error(s) left; the PDF comes once they are fixed. The first: ${a.first}`,
  },
  'preview-not-open': {
    zh: () => '這個檔案沒有開啟',
    en: () => 'this file is not open',
  },
} satisfies Record<string, Record<Lang, Text>>;

export type LspMessageId = keyof typeof catalog;

export function lspMessage(id: LspMessageId, args: LspArgs, lang: Lang): string {
  return catalog[id][lang](args);
}
