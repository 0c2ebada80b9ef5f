import { courseSectionAliases, type CourseSection } from '../../model/vocabulary.js';
import type { Rule } from '../rule.js';

const always: CourseSection[] = ['description', 'process', 'reflection'];

/** 說明, 過程, 心得與反思 always; 個人貢獻度 when the work had a team. */
export const requiredSections: Rule = (context) => {
  const present = new Set(context.course.sections.map((s) => s.id));
  const required = context.course.team?.length ? [...always, 'contribution' as const] : always;
  const end = context.source.tree.position?.end;
  for (const id of required) {
    if (present.has(id)) continue;
    const place = end ? { line: end.line, column: 1 } : undefined;
    context.report('error', 'section-missing', place, { section: courseSectionAliases[id][0] ?? id });
  }
};
