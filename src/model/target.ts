import { z } from 'zod';
import { channels, type Channel } from '../limits.js';
import { aliasIndex, statementSectionAliases, targetKeys, type StatementSection } from './vocabulary.js';
import type { KeyTable } from './fields.js';
import { integer, pathList, text } from './values.js';

/** The codes a target's 項目 are chosen under, in bundle order. */
export const itemCodes = ['B-1', 'B-2', 'C', 'D-1', 'D-2', 'D-3'] as const;
export type ItemCode = (typeof itemCodes)[number];

export const targetKeyTable: KeyTable = {
  keys: aliasIndex(targetKeys),
  nested: {
    items: { keys: new Map(itemCodes.map((c) => [c, c])) },
    caps: { keys: new Map(['B-1', 'B-2', 'B', 'C'].map((c) => [c, c])) },
    formA: { keys: new Map([['*', '*']]) },
  },
};

const statementSectionIndex = new Map<string, StatementSection>(
  Object.entries(statementSectionAliases).flatMap(([id, names]) => [
    [id, id as StatementSection],
    ...names.map((name): [string, StatementSection] => [name, id as StatementSection]),
  ]),
);

/** A section of the 自述 the department asks for, by its heading (or id). */
const statementSection = z.string().transform((value, ctx) => {
  const id = statementSectionIndex.get(value.trim());
  if (!id) ctx.addIssue({ code: 'custom', message: 'not a section of the 自述' });
  return id as StatementSection;
});

/** 管道 names students actually write, mapped to the channels of the limits table. */
const channelAliases: Record<string, Channel> = {
  甄選入學: '甄選入學',
  四技二專甄選入學: '甄選入學',
  技優甄審: '技優甄審',
  四技申請入學: '四技申請入學',
  申請入學: '四技申請入學',
  個人申請: '個人申請',
  大學個人申請: '個人申請',
};

export const targetSchema = z.object({
  school: text,
  department: text,
  channel: z.string().transform((value, ctx) => {
    const channel = channelAliases[value.trim()];
    if (!channel)
      ctx.addIssue({ code: 'custom', message: 'channel-unknown', params: { ruleId: 'channel-unknown', args: { value, allowed: channels.join('、') } } });
    return channel as Channel;
  }),
  admissionYear: integer.pipe(z.number().int().min(100).max(200)),
  caps: z.record(z.string(), integer.pipe(z.number().int().min(0))).optional(),
  items: z
    .object({
      'B-1': pathList.optional(),
      'B-2': pathList.optional(),
      C: pathList.optional(),
      'D-1': z.string().optional(),
      'D-2': z.string().optional(),
      'D-3': pathList.optional(),
    })
    .optional(),
  formA: z
    .record(
      z.string(),
      z.preprocess((v) => (typeof v === 'number' ? String(v) : v), z.string()),
    )
    .optional(),
  /** A department's template pack (表A / 表B), relative to the target file. */
  templates: z.string().optional(),
  /** The sections of the 自述 (D-2) this department asks for; all three when absent. */
  statementSections: z.preprocess((v) => (typeof v === 'string' ? [v] : v), z.array(statementSection)).optional(),
});

/** 報考校系: one department applied to, through one channel, with the items chosen for it. */
export type Target = z.infer<typeof targetSchema>;
