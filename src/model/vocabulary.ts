/**
 * The alias table: every front-matter key, section heading and category of SPEC §1–§2,
 * with its canonical English name and its Traditional Chinese names, and the labels typeset in
 * PDFs. Sentences said to a person live in the message catalogs (messages.ts and its kin).
 */

export const courseKeys = {
  kind: ['種類'],
  title: ['成果名稱'],
  category: ['類別'],
  course: ['科目名稱'],
  year: ['學年度'],
  term: ['學期'],
  credits: ['學分數'],
  teacher: ['授課教師'],
  summary: ['簡述'],
  team: ['團隊'],
  media: ['影音檔'],
  template: ['範本'],
} as const;

export const performanceKeys = {
  kind: ['種類'],
  title: ['名稱'],
  category: ['類別'],
  date: ['日期'],
  start: ['起'],
  end: ['迄'],
  organizer: ['主辦單位'],
  role: ['職務'],
  award: ['獎項'],
  hours: ['時數'],
  summary: ['簡述'],
  evidence: ['證明文件'],
  media: ['影音檔'],
  template: ['範本'],
} as const;

export const essayKeys = {
  kind: ['種類'],
  title: ['標題'],
  target: ['報考校系'],
  template: ['範本'],
} as const;

export const targetKeys = {
  school: ['學校'],
  department: ['系所'],
  channel: ['管道'],
  admissionYear: ['招生學年度'],
  caps: ['上限'],
  items: ['項目'],
  formA: ['表A'],
  templates: ['範本'],
  statementSections: ['自述段落'],
} as const;

/** One 證明文件 written as a map: its file and the caption shown under it. */
export const evidenceKeys = {
  file: ['檔案'],
  caption: ['說明'],
} as const;

export const teamMemberKeys = {
  name: ['姓名'],
  work: ['工作內容'],
  share: ['貢獻度'],
  self: ['本人'],
} as const;

export const portfolioKeys = {
  student: ['學生', '姓名'],
  school: ['學校'],
  department: ['科別', '群', '科別/群'],
  class: ['班級'],
  defaults: ['預設'],
  rules: ['規則'],
} as const;

/** What portfolio.yaml's 規則 may set a rule to. */
export const ruleSettingAliases = { off: ['關閉'], warning: ['警告'], error: ['錯誤'] } as const;

export const portfolioDefaultsKeys = {
  theme: ['主題'],
  font: ['字型'],
} as const;

export type CourseCategory = 'B-1' | 'B-2';

export const categoryNames = {
  'B-1': '專題實作及實習科目學習成果',
  'B-2': '其他課程學習成果',
  'C-1': '彈性學習時間學習成果',
  'C-2': '社團活動經驗',
  'C-3': '擔任幹部經驗',
  'C-4': '服務學習經驗',
  'C-5': '競賽表現',
  'C-6': '非修課紀錄之成果作品',
  'C-7': '檢定證照',
  'C-8': '特殊優良表現證明',
  'D-1': '多元表現綜整心得',
  'D-2': '學習歷程自述',
  'D-3': '其他',
} as const;

export type CategoryCode = keyof typeof categoryNames;

export const courseCategoryAliases: Record<string, CourseCategory> = {
  'B-1': 'B-1',
  B1: 'B-1',
  project: 'B-1',
  [categoryNames['B-1']]: 'B-1',
  'B-2': 'B-2',
  B2: 'B-2',
  other: 'B-2',
  [categoryNames['B-2']]: 'B-2',
};

export type PerformanceCode = 'C-1' | 'C-2' | 'C-3' | 'C-4' | 'C-5' | 'C-6' | 'C-7' | 'C-8';
export const performanceCodes: readonly PerformanceCode[] = ['C-1', 'C-2', 'C-3', 'C-4', 'C-5', 'C-6', 'C-7', 'C-8'];

/** C-5, C5, 競賽表現 all name the same 多元表現 category. */
export const performanceCategoryAliases: Record<string, PerformanceCode> = Object.fromEntries(
  performanceCodes.flatMap((code) => [
    [code, code],
    [code.replace('-', ''), code],
    [categoryNames[code], code],
  ]),
);

export type CourseSection = 'description' | 'process' | 'reflection' | 'contribution';

/** Level-2 headings that name a course outcome's sections; the first alias is the canonical heading. */
export const courseSectionAliases: Record<CourseSection, readonly string[]> = {
  description: ['說明', '課程說明', '作品說明', '成果說明'],
  process: ['過程', '修課過程', '活動參與歷程', '學習過程', '製作過程'],
  reflection: ['心得與反思', '心得', '反思', '省思'],
  contribution: ['個人貢獻度', '貢獻度', '個人貢獻', '分工'],
};

export type StatementSection = 'reflection' | 'motivation' | 'plan';

export const statementSectionAliases: Record<StatementSection, readonly string[]> = {
  reflection: ['學習歷程反思'],
  motivation: ['就讀動機'],
  plan: ['未來學習計畫與生涯規劃', '未來學習計畫', '生涯規劃'],
};

export const documentKinds = {
  course: { folder: 'courses', aliases: ['課程學習成果'] },
  performance: { folder: 'performances', aliases: ['多元表現'] },
  summary: { folder: null, aliases: ['多元表現綜整心得'] },
  statement: { folder: 'statements', aliases: ['學習歷程自述'] },
} as const;

export type DocumentKind = keyof typeof documentKinds;

export const kindLabel: Record<DocumentKind, string> = {
  course: '課程學習成果',
  performance: '多元表現',
  summary: '多元表現綜整心得',
  statement: '學習歷程自述',
};

/** Labels typeset in PDFs. */
export const labels = {
  yearTerm: (year: number, term: number) => `${year} 學年度第 ${term} 學期`,
  individual: '個人',
  team: (n: number) => `團體（${n} 人）`,
  form: '形式',
  page: (n: number, total: number) => `第 ${n} 頁／共 ${total} 頁`,
  contributionTable: ['姓名', '工作內容', '貢獻度'] as const,
  self: '（本人）',
  figure: (n: number) => `圖 ${n}`,
  evidence: '證明文件',
  /** The caption of a 證明文件 the student did not caption: what it is, never its file name. */
  evidenceCaption: (title: string, n: number, of: number) => (of > 1 ? `${title}　證明文件 ${n}` : `${title}　證明文件`),
  dateRange: (start: string, end: string) => `${start} 至 ${end}`,
  hours: (h: number) => `${h} 小時`,
} as const;

/** Maps any alias (or canonical name) of a key table to its canonical name. */
export function aliasIndex<K extends string>(table: Record<K, readonly string[]>): Map<string, K> {
  const index = new Map<string, K>();
  for (const [canonical, aliases] of Object.entries(table) as [K, readonly string[]][]) {
    index.set(canonical, canonical);
    for (const alias of aliases) index.set(alias, canonical);
  }
  return index;
}
