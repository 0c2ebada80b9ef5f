import { formatDiagnostic, type Diagnostic } from '../diagnostics.js';

export interface ChecklistItem {
  code: string;
  title: string;
  summary?: string;
  files: { name: string; bytes: number }[];
}

export interface ChecklistInput {
  counts: { code: string; count: number; cap?: number; min?: number }[];
  items: ChecklistItem[];
  categoryFiles: { name: string; bytes: number; pages: number }[];
  warnings: readonly Diagnostic[];
}

/** One formatter for every size: toLocaleString builds a new one on each call. */
const thousands = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const kb = (bytes: number) => `${thousands.format(bytes / 1000)} KB`;

/** What a student reads before uploading: counts against caps, every 簡述 ready to copy, what goes where. */
export function checklistMarkdown(input: ChecklistInput): string {
  // Which school and department it is for, the PDF's title says and the folder's name shows.
  const lines: string[] = [];
  lines.push('## 件數與上限', '', '| 項目 | 已選 | 上限 |', '| --- | ---: | ---: |');
  for (const c of input.counts) lines.push(`| ${c.code} | ${c.count} | ${c.cap ?? '—'}${c.min ? `（至少 ${c.min}）` : ''} |`);
  lines.push('', '## 上傳檔案', '', '| 檔案 | 頁數 | 大小 |', '| --- | ---: | ---: |');
  for (const f of input.categoryFiles) lines.push(`| ${f.name} | ${f.pages} | ${kb(f.bytes)} |`);
  lines.push('', '## 各項目與簡述', '');
  for (const item of input.items) {
    lines.push(`### ${item.code}　${item.title}`, '');
    if (item.summary !== undefined) lines.push('簡述（可直接複製貼上）：', '', '```', item.summary, '```', '');
    for (const f of item.files) lines.push(`- ${f.name}（${kb(f.bytes)}）`);
    lines.push('');
  }
  lines.push('## 尚待處理的提醒', '');
  if (input.warnings.length === 0) lines.push('沒有。');
  for (const w of input.warnings) lines.push(`- ${formatDiagnostic(w, 'zh').replace(/\|/g, '\\|')}`);
  return lines.join('\n') + '\n';
}
