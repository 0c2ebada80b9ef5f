import { z } from 'zod';
import type { Root } from 'mdast';
import { aliasIndex, essayKeys, statementSectionAliases, type StatementSection } from './vocabulary.js';
import type { KeyTable } from './fields.js';
import { splitSections, type Section } from './sections.js';
import { withPackAliases, type PackSections } from './pack-sections.js';

export const essayKeyTable: KeyTable = { keys: aliasIndex(essayKeys) };

export const essayFrontMatterSchema = z.object({
  kind: z.string().optional(),
  title: z.preprocess((v) => (typeof v === 'number' ? String(v) : v), z.string()).optional(),
  /** The target (targets/x.yaml, relative to this file) a 自述 is written for; absent when shared. */
  target: z.string().optional(),
  template: z.string().optional(),
});

export type EssayFrontMatter = z.infer<typeof essayFrontMatterSchema>;

/** D-1 多元表現綜整心得: one essay over all 多元表現. */
export interface SummaryEssay extends EssayFrontMatter {
  kind: 'summary';
  body: Root;
  sections: Section<never>[];
}

/** D-2 學習歷程自述: 學習歷程反思, 就讀動機, 未來學習計畫與生涯規劃. */
export interface Statement extends EssayFrontMatter {
  kind: 'statement';
  body: Root;
  sections: Section<StatementSection>[];
  required?: string[];
}

export const summaryEssay = (frontMatter: EssayFrontMatter, body: Root): SummaryEssay => ({
  ...frontMatter,
  kind: 'summary',
  body,
  sections: splitSections(body, {}),
});

export const statement = (frontMatter: EssayFrontMatter, body: Root, pack?: PackSections): Statement => ({
  ...frontMatter,
  kind: 'statement',
  body,
  sections: splitSections(body, withPackAliases(statementSectionAliases, pack)),
  required: pack?.required,
});
