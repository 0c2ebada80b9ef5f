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
    zh: (a) => `無法排版（${a.count} 個錯誤）；第一個：${a.first}`,
    en: (a) => `cannot be typeset (${a.count} error(s)); the first: ${a.first}`,
  },
  'preview-draft': {
    zh: (a) => `有 ${a.count} 個錯誤，修正後才能建置`,
    en: (a) => `${a.count} error(s): fix them to build the PDF`,
  },
  'preview-not-open': {
    zh: () => '這個檔案沒有開啟',
    en: () => 'this file is not open',
  },
  'hover-value': { zh: (a) => `值：${a.hint}`, en: (a) => `value: ${a.hint}` },
  'hover-rule': { zh: (a) => `規則：[${a.id}](${a.href})`, en: (a) => `rule: [${a.id}](${a.href})` },
  'hover-summary-count': { zh: (a) => `簡述 ${a.count}／${a.max} 字`, en: (a) => `簡述 ${a.count}/${a.max} characters` },
  'hover-source': { zh: (a) => `（${a.source}）`, en: (a) => `(${a.source})` },
  'hover-team-sum': {
    zh: (a) => `${a.members} 位成員，貢獻度合計 ${a.sum}%（應為 100%）`,
    en: (a) => `${a.members} members, shares add up to ${a.sum}% (must be 100%)`,
  },
  'hover-section-count': { zh: (a) => `「${a.section}」${a.count} 字`, en: (a) => `${a.section}: ${a.count} characters` },
  'hover-channel-caps': {
    zh: (a) => `${a.channel} ${a.year} 學年度的上限：${a.caps}${a.min ? `；至少 ${a.min}` : ''}（${a.source}，自 ${a.from} 學年度起）`,
    en: (a) => `caps of ${a.channel} in ${a.year}: ${a.caps}${a.min ? `; at least ${a.min}` : ''} (${a.source}, from ${a.from})`,
  },
  'hover-target-cap': {
    zh: (a) => `報考 ${a.target}（${a.channel} ${a.year}）：${a.code} 最多 ${a.cap} 件（${a.source}）`,
    en: (a) => `for ${a.target} (${a.channel} ${a.year}): at most ${a.cap} items under ${a.code} (${a.source})`,
  },
  'hover-channel-unknown': { zh: (a) => `查無 ${a.channel} 在 ${a.year} 學年度的規定`, en: (a) => `no rules known for ${a.channel} in ${a.year}` },
  'fix-rename-key': { zh: (a) => `改成「${a.near}」`, en: (a) => `Rename to ${a.near}` },
  'fix-colon': { zh: () => '把全形冒號「：」改成半形「: 」', en: () => 'Replace the full-width colon「：」with ": "' },
  'fix-space': { zh: () => '把全形空格換成半形空格', en: () => 'Replace full-width spaces with half-width ones' },
  'fix-section': { zh: (a) => `加上「## ${a.section}」段落`, en: (a) => `Add a "## ${a.section}" section` },
  'fix-self': { zh: (a) => `「${a.name}」是我（加上 本人: true）`, en: (a) => `${a.name} is me (add self: true)` },
  'fix-team-table': { zh: () => '把分工表搬進前言的「團隊」', en: () => 'Move this table into 團隊 (team) in the front matter' },
  'fix-compress': {
    zh: (a) => `壓縮「${a.name}」（${a.bytes}，上限 ${a.max}）並改用壓縮後的檔案`,
    en: (a) => `Compress ${a.name} (${a.bytes}, cap ${a.max}) and use the compressed file`,
  },
  'cmd-arguments': { zh: (a) => `${a.command} 需要一個檔案的 URI`, en: (a) => `${a.command} takes the URI of a file` },
  'cmd-outside': { zh: () => '這個檔案不在任何作品集（找不到 portfolio.yaml）', en: () => 'this file is in no portfolio (no portfolio.yaml found)' },
  'cmd-built': { zh: (a) => `已輸出 ${a.path}（${a.bytes}，${a.pages} 頁）`, en: (a) => `wrote ${a.path} (${a.bytes}, ${a.pages} pages)` },
  'cmd-not-built': {
    zh: (a) => `沒有輸出 PDF：${a.count} 個錯誤；第一個：${a.first}`,
    en: (a) => `no PDF written: ${a.count} error(s); the first: ${a.first}`,
  },
  'cmd-packed': { zh: (a) => `已打包 ${a.target}：${a.dir}（${a.files} 個檔案）`, en: (a) => `packed ${a.target}: ${a.dir} (${a.files} files)` },
  'cmd-not-packed': {
    zh: (a) => `無法打包 ${a.target}：${a.count} 個錯誤；第一個：${a.first}`,
    en: (a) => `cannot pack ${a.target}: ${a.count} error(s); the first: ${a.first}`,
  },
  'cmd-compressed': { zh: (a) => `已壓縮成 ${a.path}（${a.bytes}）`, en: (a) => `compressed into ${a.path} (${a.bytes})` },
  'cmd-not-compressed': { zh: (a) => `無法壓縮：${a.reason}`, en: (a) => `cannot compress: ${a.reason}` },
  'cmd-failed': { zh: (a) => `失敗：${a.reason}`, en: (a) => `failed: ${a.reason}` },
  'progress-build': { zh: () => '建置 PDF', en: () => 'Building the PDF' },
  'progress-pack': { zh: () => '打包', en: () => 'Packing' },
  'progress-compress': { zh: () => '壓縮', en: () => 'Compressing' },
} satisfies Record<string, Record<Lang, Text>>;

export type LspMessageId = keyof typeof catalog;

export function lspMessage(id: LspMessageId, args: LspArgs, lang: Lang): string {
  return catalog[id][lang](args);
}
