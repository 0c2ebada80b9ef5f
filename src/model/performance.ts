import { z } from 'zod';
import type { Root } from 'mdast';
import { aliasIndex, courseSectionAliases, kindLabel, performanceCategoryAliases, performanceCodes, performanceKeys, type CourseSection } from './vocabulary.js';
import type { KeyTable } from './fields.js';
import { splitSections, type Section } from './sections.js';
import { withPackAliases, type PackSections } from './pack-sections.js';
import { categoryField, dateText, pathList, text } from './values.js';

export const performanceKeyTable: KeyTable = { keys: aliasIndex(performanceKeys) };

export const performanceFrontMatterSchema = z.object({
  kind: z.string().optional(),
  title: text,
  category: categoryField(performanceCategoryAliases, kindLabel.performance, performanceCodes),
  date: dateText.optional(),
  start: dateText.optional(),
  end: dateText.optional(),
  organizer: z.string().optional(),
  role: z.string().optional(),
  award: z.string().optional(),
  hours: z.preprocess((v) => (typeof v === 'string' && v.trim() !== '' && !Number.isNaN(Number(v)) ? Number(v) : v), z.number().min(0)).optional(),
  summary: text,
  evidence: pathList.optional(),
  media: z.string().optional(),
  template: z.string().optional(),
});

export type PerformanceFrontMatter = z.infer<typeof performanceFrontMatterSchema>;

/** 多元表現: a competition, a club, a certificate… with its evidence. */
export interface Performance extends PerformanceFrontMatter {
  kind: 'performance';
  body: Root;
  sections: Section<CourseSection>[];
  required?: string[];
}

export function performance(frontMatter: PerformanceFrontMatter, body: Root, pack?: PackSections): Performance {
  const { contribution: _, ...sections } = withPackAliases(courseSectionAliases, pack);
  return { ...frontMatter, kind: 'performance', body, sections: splitSections(body, sections as typeof courseSectionAliases), required: pack?.required };
}
