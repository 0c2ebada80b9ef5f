import { z } from 'zod';
import type { Root } from 'mdast';
import { aliasIndex, courseCategoryAliases, courseKeys, courseSectionAliases, teamMemberKeys, kindLabel, type CourseSection } from './vocabulary.js';
import type { KeyTable } from './fields.js';
import { splitSections, type Section } from './sections.js';
import { withPackAliases, type PackSections } from './pack-sections.js';
import { categoryField, integer, percent, text } from './values.js';

export const courseKeyTable: KeyTable = {
  keys: aliasIndex(courseKeys),
  nested: { team: { keys: aliasIndex(teamMemberKeys) } },
};

export const teamMemberSchema = z.object({
  name: text,
  work: z.string().default(''),
  share: percent,
  self: z.boolean().optional(),
});

export const courseFrontMatterSchema = z.object({
  kind: z.string().optional(),
  title: text,
  category: categoryField(courseCategoryAliases, kindLabel.course, ['B-1', 'B-2']),
  course: text,
  year: integer.pipe(z.number().int().min(100).max(200)),
  term: integer.pipe(z.union([z.literal(1), z.literal(2)])),
  credits: integer.pipe(z.number().int().min(0).max(40)).optional(),
  teacher: z.string().optional(),
  summary: text,
  team: z.array(teamMemberSchema).optional(),
  media: z.string().optional(),
  /** The template pack the document was made from (its section names and required sections). */
  template: z.string().optional(),
});

export type CourseFrontMatter = z.infer<typeof courseFrontMatterSchema>;
export type TeamMember = z.infer<typeof teamMemberSchema>;

/** 課程學習成果: one course outcome as the student wrote it. */
export interface CourseOutcome extends CourseFrontMatter {
  kind: 'course';
  body: Root;
  sections: Section<CourseSection>[];
  /** Sections its template pack requires, when the pack says. */
  required?: string[];
}

export function courseOutcome(frontMatter: CourseFrontMatter, body: Root, pack?: PackSections): CourseOutcome {
  return { ...frontMatter, kind: 'course', body, sections: splitSections(body, withPackAliases(courseSectionAliases, pack)), required: pack?.required };
}
