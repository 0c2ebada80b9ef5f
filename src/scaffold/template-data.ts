import { channelLimits, limits } from '../limits.js';
import { rocYear } from '../roc-year.js';

/** Every template a pack may provide; the document kinds plus the portfolio, the target and 表A/表B. */
export const templateKinds = ['course', 'performance', 'summary', 'statement', 'target', 'portfolio', 'formA', 'formB'] as const;
export type TemplateKind = (typeof templateKinds)[number];

/** The kinds `licheng new` writes. */
export const newKinds = ['course', 'performance', 'summary', 'statement', 'target'] as const;
export type NewKind = (typeof newKinds)[number];

export const templateFile = (kind: TemplateKind): string => `${kind}.${kind === 'target' || kind === 'portfolio' ? 'yaml' : 'md'}.hbs`;

/** The Handlebars variables a pack's `defaults` may set. */
export const variableNames = [
  'student',
  'school',
  'department',
  'class',
  'title',
  'category',
  'course',
  'teacher',
  'credits',
  'year',
  'term',
  'summary',
  'date',
  'organizer',
  'role',
  'award',
  'hours',
  'targetSchool',
  'targetDepartment',
  'channel',
  'admissionYear',
] as const;
export type VariableName = (typeof variableNames)[number];

/** Who and where the student is: shared by every file, whatever kind a pack is for. */
export const studentVariables = ['student', 'school', 'department', 'class'] as const satisfies readonly VariableName[];

export interface TeamMemberData {
  name: string;
  work: string;
  share: number;
  self?: boolean;
}

/** One line of a target's 項目: a category code and its documents, or one document for D-1/D-2. */
export interface TargetItemData {
  code: string;
  paths?: string[];
  /** Over the channel's cap: written as comments, for the student to swap in. */
  spare?: string[];
  single?: string;
}

/** What a template sees. Values are plain: the `yaml` helper quotes them where YAML needs it. */
export interface TemplateData extends Partial<Record<VariableName, string | number>> {
  team?: TeamMemberData[];
  media?: string;
  /** 報考校系 of a 自述, relative to it. */
  target?: string;
  items?: TargetItemData[];
  /** The Chinese kind name, set when the file is outside its kind's folder (so `種類:` is written). */
  kindLabel?: string;
  /** media/ relative to the document, for the image examples in the comments. */
  mediaDir: string;
  /** The JSON schema for yaml-language-server, relative to the YAML file. */
  schema?: string;
  questions: Record<string, string[]>;
  pack?: { name: string; description?: string };
  /** The limits the guidance quotes, from the limits table rather than the template text. */
  limits: typeof templateLimits;
}

const essay = channelLimits('個人申請', Number.MAX_SAFE_INTEGER);
export const templateLimits = {
  summaryMaxChars: limits.summaryMaxChars,
  teamWorkMaxChars: limits.teamWorkMaxChars,
  summaryEssayMaxChars: essay?.summaryEssayMaxChars,
  summaryEssayMaxImages: essay?.summaryEssayMaxImages,
};

/** 學年度 and 學期 (ROC calendar) of a day: the school year starts in August, the second term in February. */
export function schoolTerm(day: Date): { year: number; term: 1 | 2 } {
  const roc = rocYear(day.getFullYear());
  const month = day.getMonth() + 1;
  if (month >= 8) return { year: roc, term: 1 };
  return { year: roc - 1, term: month === 1 ? 1 : 2 };
}

/** Placeholders every template falls back to: valid for the loader, obviously unfinished to a reader. */
export function builtInDefaults(kind: TemplateKind, now: Date): Partial<TemplateData> {
  const { year, term } = schoolTerm(now);
  const max = limits.summaryMaxChars;
  const common = { student: '王小明', school: '示範高級中學', department: '普通科', class: '三年一班', year, term };
  const day = `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
  switch (kind) {
    case 'course':
      return {
        ...common,
        title: '（請填寫成果名稱）',
        category: 'B-2',
        course: '（請填寫科目名稱）',
        teacher: '（請填寫授課教師）',
        credits: 2,
        summary: `（請改寫：用 ${max} 字內寫出你做了什麼、遇到什麼困難、學到什麼，以及具體成果。）`,
      };
    case 'performance':
      return {
        ...common,
        title: '（請填寫表現名稱）',
        category: 'C-2',
        date: day,
        organizer: '（請填寫主辦單位）',
        role: '（請填寫職務，例如社員）',
        hours: 10,
        summary: `（請改寫：用 ${max} 字內寫出活動內容、你的角色與收穫。）`,
      };
    case 'summary':
      return { ...common, title: '多元表現綜整心得' };
    case 'statement':
      return { ...common, title: '學習歷程自述' };
    case 'target':
      return { ...common, targetSchool: '（請填寫報考學校）', targetDepartment: '（請填寫報考系所）', channel: '甄選入學', admissionYear: year + 1 };
    default:
      return common;
  }
}
