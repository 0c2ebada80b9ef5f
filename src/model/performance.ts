import { z } from 'zod';
import type { Root } from 'mdast';
import {
  aliasIndex,
  courseSectionAliases,
  evidenceKeys,
  kindLabel,
  performanceCategoryAliases,
  performanceCodes,
  performanceKeys,
  type CourseSection,
} from './vocabulary.js';
import type { KeyTable } from './fields.js';
import { splitSections, type Section } from './sections.js';
import { withPackAliases, type PackSections } from './pack-sections.js';
import { categoryField, dateText, text } from './values.js';

export const performanceKeyTable: KeyTable = { keys: aliasIndex(performanceKeys), nested: { evidence: { keys: aliasIndex(evidenceKeys) } } };

/** A 證明文件: its path, or `{檔案, 說明}` with the caption shown under it. */
const evidenceItem = z.union([z.string().trim().min(1), z.object({ file: z.string().trim().min(1), caption: z.string().trim().optional() })]);

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
  evidence: z
    .preprocess((v) => (typeof v === 'string' || (v !== null && typeof v === 'object' && !Array.isArray(v)) ? [v] : v), z.array(evidenceItem))
    .optional(),
  media: z.string().optional(),
  template: z.string().optional(),
});

export type PerformanceFrontMatter = z.infer<typeof performanceFrontMatterSchema>;

/** 多元表現: a competition, a club, a certificate… with its evidence. */
export interface Performance extends Omit<PerformanceFrontMatter, 'evidence'> {
  kind: 'performance';
  /** 證明文件 paths, as written. */
  evidence?: string[];
  /** The caption the student gave each 證明文件, by its path as written. */
  evidenceCaptions: Record<string, string>;
  body: Root;
  sections: Section<CourseSection>[];
  required?: string[];
}

export function performance(frontMatter: PerformanceFrontMatter, body: Root, pack?: PackSections): Performance {
  const { contribution: _, ...sections } = withPackAliases(courseSectionAliases, pack);
  const items = frontMatter.evidence?.map((item) => (typeof item === 'string' ? { file: item } : item));
  const evidenceCaptions = Object.fromEntries((items ?? []).filter((i) => i.caption).map((i) => [i.file, i.caption!]));
  return {
    ...frontMatter,
    kind: 'performance',
    evidence: items?.map((i) => i.file),
    evidenceCaptions,
    body,
    sections: splitSections(body, sections as typeof courseSectionAliases),
    required: pack?.required,
  };
}
