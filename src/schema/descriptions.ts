import { channels } from '../limits.js';
import { categoryNames } from '../model/vocabulary.js';

/** What an editor shows on hover, per canonical key path; Chinese, as the students write the files. */
export interface KeyNote {
  description: string;
  examples?: readonly unknown[];
}

export const portfolioNotes: Record<string, KeyNote> = {
  '': { description: '學習歷程檔案的基本資料：每份文件的頁首與 PDF 作者欄都取自這裡。' },
  student: { description: '學生姓名（必填）。團隊成員中與此姓名相同者視為本人。' },
  school: { description: '就讀學校。' },
  department: { description: '科別或群，例如「電機與電子群 資訊科」。' },
  class: { description: '班級，例如「三年二班」。' },
  defaults: { description: '每份文件的預設值。' },
  'defaults.theme': { description: '字體風格：sans（黑體）或 serif（明體）。' },
  'defaults.font': { description: '學校自訂字型（例如楷體），路徑相對於 portfolio.yaml。' },
  'defaults.font.regular': { description: '一般字重的字型檔（必填）。' },
  'defaults.font.bold': { description: '粗體字型檔（選填）。' },
  rules: {
    description:
      '改變檢查規則的嚴重度或關閉它：規則代號（診斷訊息最後 [ ] 裡的字）對應 關閉、警告或錯誤（off、warning、error），例如「reflection-thin: 關閉」。',
  },
};

export const targetNotes: Record<string, KeyNote> = {
  '': { description: '一個報考校系：管道、上限、選用的項目與表A內容。' },
  school: { description: '報考學校（必填）。' },
  department: { description: '報考系所（必填）。' },
  channel: { description: `招生管道（必填）：${channels.join('、')}。`, examples: channels },
  admissionYear: { description: '招生學年度（必填），例如 115。' },
  caps: { description: '本校系自訂的件數上限（選填），依簡章或備審資料準備指引；不可超過管道上限。' },
  items: { description: '各類別選用的文件，路徑相對於本檔。' },
  'items.B-1': { description: `B-1 ${categoryNames['B-1']}：課程學習成果檔案清單。` },
  'items.B-2': { description: `B-2 ${categoryNames['B-2']}：課程學習成果檔案清單。` },
  'items.C': { description: 'C 多元表現：多元表現檔案清單。' },
  'items.D-1': { description: `D-1 ${categoryNames['D-1']}：一個檔案。` },
  'items.D-2': { description: `D-2 ${categoryNames['D-2']}：一個檔案。` },
  'items.D-3': { description: `D-3 ${categoryNames['D-3']}：其他有利審查資料（PDF 或圖片）清單。` },
  formA: { description: '表A（自我推薦摘要表）的欄位：欄名與內容。' },
  templates: { description: '校系自己的範本包資料夾（表A／表B），路徑相對於本檔。' },
  statementSections: { description: '本校系要求的學習歷程自述（D-2）段落：學習歷程反思、就讀動機、未來學習計畫與生涯規劃；未填則三段都要。' },
};
