import type { PortfolioDocument } from '../../model/document.js';
import { courseSectionAliases, statementSectionAliases } from '../../model/vocabulary.js';
import { endOfBody, rule, type RuleContext } from '../rule.js';

function requireSections(context: RuleContext<PortfolioDocument, 'section-missing'>, ids: readonly string[], aliases: Record<string, readonly string[]>): void {
  // A pack may require a heading of its own (`安全注意事項`): it is present when written as a heading.
  const present = new Set<string | undefined>(context.document.sections.flatMap((s) => [s.id, s.title]));
  for (const id of ids) if (!present.has(id)) context.report('section-missing', endOfBody(context), { section: aliases[id]?.[0] ?? id });
}

/** 說明, 過程, 心得與反思 always; 個人貢獻度 when the work had a team. Reported where it would go. */
export const courseSections = rule(['course'], { 'section-missing': 'error' }, (context) => {
  const ids = context.document.required ?? ['description', 'process', 'reflection', ...(context.document.team?.length ? ['contribution'] : [])];
  requireSections(context, ids, courseSectionAliases);
});

/** A 多元表現 needs no section, but a reviewer looks for 說明 and 心得與反思. */
export const performanceSections = rule(['performance'], { 'section-missing': 'warning' }, (context) => {
  requireSections(context, context.document.required ?? ['description', 'reflection'], courseSectionAliases);
});

/** D-2: 學習歷程反思, 就讀動機, 未來學習計畫與生涯規劃. */
export const statementSections = rule(['statement'], { 'section-missing': 'error' }, (context) => {
  requireSections(context, context.document.required ?? ['reflection', 'motivation', 'plan'], statementSectionAliases);
});
