/**
 * What each front-matter key is for, said to a student in an editor's completion and hover
 * (the shape of its value is `valueHint` in src/messages.ts). Keyed by canonical name, or
 * `parent.key` where a nested key means something of its own.
 */
import type { Lang } from '../messages.js';

export const keyMeanings: Record<string, Record<Lang, string>> = {
  kind: {
    zh: '文件種類；放在 courses/、performances/、statements/ 或是 summary.md 時可省略',
    en: 'the document kind; may be left out in courses/, performances/, statements/ or summary.md',
  },
  title: { zh: '成果名稱：PDF 標題與上傳系統的「成果名稱」', en: 'the title: the PDF title and the upload system’s 成果名稱' },
  category: { zh: '上傳類別代碼：課程學習成果 B-1／B-2，多元表現 C-1～C-8', en: 'the upload category: B-1/B-2 for course outcomes, C-1…C-8 for 多元表現' },
  course: { zh: '修課紀錄上的科目名稱', en: 'the course name as on the course record' },
  year: { zh: '修課的學年度（民國）', en: 'the school year (民國) of the course' },
  term: { zh: '學期：1 上學期，2 下學期', en: 'the term: 1 (autumn) or 2 (spring)' },
  credits: { zh: '學分數', en: 'credits' },
  teacher: { zh: '授課教師', en: 'the teacher' },
  summary: { zh: '簡述：上傳系統中的成果簡述，最多 100 字', en: 'the 簡述: the short description in the upload system, at most 100 characters' },
  team: {
    zh: '團體作品的成員：每位寫 姓名、工作內容、貢獻度；其中一位是你（本人）。licheng 會排出分工表',
    en: 'the members of team work: name, work and share each; one of them is you (self). licheng draws the table',
  },
  'team.name': { zh: '成員姓名', en: 'the member’s name' },
  'team.work': { zh: '這位成員做了什麼，最多 100 字', en: 'what this member did, at most 100 characters' },
  'team.share': { zh: '貢獻度百分比；全隊合計 100', en: 'the share in percent; the team’s add up to 100' },
  'team.self': {
    zh: '這位成員是你本人（姓名與 portfolio.yaml 不同時才需要）',
    en: 'this member is you (needed only when the name differs from portfolio.yaml)',
  },
  media: { zh: '影音檔：超過 10 MB 時 licheng 會自動壓縮', en: 'the audio or video file: licheng compresses it when over 10 MB' },
  template: { zh: '做這份文件用的範本包（段落名稱與必填段落）', en: 'the template pack this document was made from (its section names and required sections)' },
  date: { zh: '日期（單日的活動）', en: 'the date (a one-day activity)' },
  start: { zh: '開始日期', en: 'the start date' },
  end: { zh: '結束日期', en: 'the end date' },
  organizer: { zh: '主辦單位', en: 'the organizer' },
  role: { zh: '職務（幹部經驗、服務學習）', en: 'the role (club officer, service)' },
  award: { zh: '獎項（競賽表現）', en: 'the award (competitions)' },
  hours: { zh: '時數（服務學習、彈性學習）', en: 'hours (service learning, flexible learning time)' },
  evidence: { zh: '證明文件：照片、掃描或 PDF，排在文件最後', en: 'evidence: photos, scans or PDFs, placed at the end of the document' },
  'evidence.file': { zh: '證明文件的檔案路徑', en: 'the evidence file’s path' },
  'evidence.caption': { zh: '印在證明文件下方的說明', en: 'the caption printed under it' },
  target: { zh: '這份自述寫給哪個報考校系（targets/ 的檔名）', en: 'the target this statement is written for (a file name in targets/)' },
  school: { zh: '學校名稱', en: 'the school' },
  department: { zh: '系所（報考校系）或科別（portfolio.yaml）', en: 'the department (a target) or the student’s 科別 (portfolio.yaml)' },
  channel: { zh: '招生管道：決定各類別件數上限', en: 'the admission channel: it sets the caps per category' },
  admissionYear: { zh: '招生學年度（民國）：決定適用哪一年的簡章規定', en: 'the admission year (民國): which year’s rules apply' },
  caps: { zh: '這個校系自己的件數上限（不可超過管道規定）', en: 'this department’s own caps (never above the channel’s)' },
  items: { zh: '要上傳到這個校系的文件，依類別列出', en: 'the documents uploaded to this department, by category' },
  formA: { zh: '表A 各欄位的內容', en: 'the text of each field of 表A' },
  templates: { zh: '校系的範本包（表A／表B 的格式）', en: 'the department’s template pack (the layout of 表A / 表B)' },
  student: { zh: '學生姓名：印在每頁頁首，也用來認出團隊中的你', en: 'the student’s name: printed in every header, and how you are found in a team' },
  class: { zh: '班級', en: 'the class' },
  defaults: { zh: '預設：主題與字型', en: 'defaults: theme and font' },
  rules: { zh: '個別規則的設定：關閉、警告或錯誤', en: 'settings of single rules: off, warning or error' },
  theme: { zh: '版面主題：sans（黑體）或 serif（明體）', en: 'the theme: sans or serif' },
  font: { zh: '學校自己的字型檔', en: 'the school’s own font files' },
};

/** The rule that checks a key's value, when one does beyond its shape (its page is docs/rules/<id>.md). */
export const keyRules: Record<string, string> = {
  summary: 'summary-too-long',
  team: 'team-share-sum',
  'team.work': 'team-work-too-long',
  'team.self': 'team-self',
  category: 'category-invalid',
  channel: 'channel-unknown',
  target: 'statement-target-unknown',
  caps: 'cap-over-channel',
  items: 'item-wrong-kind',
  media: 'media-unfit',
  evidence: 'file-missing',
};
