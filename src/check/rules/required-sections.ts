import { courseSectionAliases, type CourseSection } from '../../model/vocabulary.js';
import type { Rule } from '../rule.js';

const always: CourseSection[] = ['description', 'process', 'reflection'];

/** 說明, 過程, 心得與反思 always; 個人貢獻度 when the work had a team. Reported at the end of the body, where it would go. */
export const requiredSections: Rule = (context) => {
  const present = new Set(context.course.sections.map((s) => s.id));
  const required = context.course.team?.length ? [...always, 'contribution' as const] : always;
  const last = context.source.tree.children.at(-1)?.position?.end ?? context.source.frontMatter?.start;
  for (const id of required) {
    if (present.has(id)) continue;
    const place = last ? { line: last.line, column: 1 } : undefined;
    context.report('error', 'section-missing', place, { section: courseSectionAliases[id][0] ?? id });
  }
};
