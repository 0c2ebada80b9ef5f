/**
 * SPEC §1 as data: every admission limit with the school year it applies from and its source.
 * Code asks `channelLimits(channel, year)`; nothing else hard-codes these numbers.
 */

const briefing2022 = '2022 教育部／技專校院 學習歷程檔案說明簡報';

/** Limits on every file and every item, whatever the channel. */
export const limits = {
  documentMaxBytes: 4_000_000,
  mediaMaxBytes: 10_000_000,
  summaryMaxChars: 100,
  teamWorkMaxChars: 100,
  source: briefing2022,
} as const;

const ownLimit = "licheng's own limit: far beyond any real document";

/**
 * What licheng reads of one document: a 學習歷程 document is a few pages, and input far beyond that
 * is refused with a diagnostic before the stage it would slow down (parsing, typesetting).
 */
export const inputLimits = {
  /** Bytes of one Markdown or YAML file, checked before it is read. */
  fileMaxBytes: 1_000_000,
  /** Characters of a document's body (about 40 pages of Chinese). */
  bodyMaxChars: 50_000,
  /** Characters of one paragraph or table cell (about 4 pages). */
  paragraphMaxChars: 5_000,
  /** Inline marks (`*`, `_`, `~`, `[`, `]`, `` ` ``) in one paragraph: the parser pairs them at a cost that grows with their square. */
  paragraphMaxMarks: 200,
  /** Characters of one front-matter value such as a title (簡述 and 工作內容 have their own, smaller limits). */
  fieldMaxChars: 200,
  /** Block quotes in one document: the parser's work for each grows with the text before it. */
  quoteMaxCount: 200,
  /** Levels of nested block quotes, lists, emphasis and links. */
  nestingMaxDepth: 20,
  /** Typeset pages of one document (appended 證明文件 PDFs not counted): found after layout, the last guard. */
  pageMaxCount: 100,
  from: 108,
  source: ownLimit,
} as const;

export const uploadLimits = [
  { scope: 'per school year', courseOutcomes: 6, performances: 10, from: 108, source: briefing2022 },
  { scope: 'at admission', courseOutcomes: 18, performances: 30, from: 108, source: briefing2022 },
] as const;

export type Channel = '甄選入學' | '技優甄審' | '四技申請入學' | '個人申請';
export const channels: readonly Channel[] = ['甄選入學', '技優甄審', '四技申請入學', '個人申請'];

export interface ChannelLimits {
  channel: Channel;
  /** First 招生學年度 these numbers apply to. */
  from: number;
  source: string;
  /** Maximum items per category code; `min` where the channel requires some. */
  caps: Partial<Record<'B-1' | 'B-2' | 'B' | 'C', number>>;
  min?: Partial<Record<'B-1', number>>;
  summaryEssayMaxChars?: number;
  summaryEssayMaxImages?: number;
  selfUploadMaxBytes?: number;
}

const table: ChannelLimits[] = [
  { channel: '甄選入學', from: 111, source: '111 學年度四技二專甄選入學簡章', caps: { 'B-1': 6, 'B-2': 3, C: 10 }, min: { 'B-1': 1 } },
  { channel: '甄選入學', from: 113, source: '113 學年度四技二專甄選入學簡章', caps: { 'B-1': 3, 'B-2': 3, C: 10 }, min: { 'B-1': 1 } },
  { channel: '技優甄審', from: 111, source: '111 學年度四技二專技優甄審簡章', caps: { 'B-1': 6, 'B-2': 3, C: 10 }, min: { 'B-1': 1 } },
  { channel: '四技申請入學', from: 111, source: '111 學年度四技申請入學簡章', caps: { B: 6, C: 10 } },
  {
    channel: '個人申請',
    from: 111,
    source: '111 學年度大學個人申請簡章',
    caps: { B: 3, C: 10 },
    summaryEssayMaxChars: 800,
    summaryEssayMaxImages: 3,
    selfUploadMaxBytes: 5_000_000,
  },
];

/** The limits in force for an admission year on a channel: the latest entry not after that year. */
export function channelLimits(channel: Channel, admissionYear: number): ChannelLimits | undefined {
  return table.filter((entry) => entry.channel === channel && entry.from <= admissionYear).sort((a, b) => b.from - a.from)[0];
}

/**
 * A school font (預設.字型) is read whole into memory: a full CJK face is 7–20 MB (Noto Sans TC
 * 7 MB, 全字庫正楷體 with its extensions about 30 MB); anything past this is not a font a PDF should embed.
 */
export const fontMaxBytes = 64_000_000;
