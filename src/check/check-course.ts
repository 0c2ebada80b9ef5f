import type { Diagnostic } from '../diagnostics.js';
import type { MarkdownSource } from '../read/read-source.js';
import { courseKeyTable, type CourseOutcome } from '../model/course.js';
import type { Portfolio } from '../model/portfolio.js';
import { ruleContext, type Rule } from './rule.js';
import { summaryLength } from './rules/summary-length.js';
import { requiredSections } from './rules/required-sections.js';
import { team } from './rules/team.js';

export const courseRules: readonly Rule[] = [summaryLength, requiredSections, team];

/** Runs every course rule; rules only report, never throw. */
export function checkCourse(source: MarkdownSource, course: CourseOutcome, portfolio: Portfolio | undefined, root: string): Diagnostic[] {
  const found: Diagnostic[] = [];
  const context = ruleContext(source, course, portfolio, root, courseKeyTable, found);
  for (const rule of courseRules) rule(context);
  return found;
}
