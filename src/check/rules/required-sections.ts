import type { PortfolioDocument } from '../../model/document.js';
import { dirname, resolve } from 'node:path';
import { targetName, type LoadedTarget } from '../../model/load-target.js';
import { courseSectionAliases, statementSectionAliases, type StatementSection } from '../../model/vocabulary.js';
import { endOfBody, rule, type RuleContext } from '../rule.js';

function requireSections(context: RuleContext<PortfolioDocument, 'section-missing'>, ids: readonly string[], aliases: Record<string, readonly string[]>): void {
  // A pack may require a heading of its own (`安全注意事項`): it is present when written as a heading.
  const present = new Set<string | undefined>(context.document.sections.flatMap((s) => [s.id, s.title]));
  // The other names of the section are listed: a template (and the editor's quick fix) may write `## 學習過程`.
  for (const id of ids)
    if (!present.has(id))
      context.report('section-missing', endOfBody(context), { section: aliases[id]?.[0] ?? id, also: aliases[id]?.slice(1).join('、') ?? '' });
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

/**
 * D-2: 學習歷程反思, 就讀動機, 未來學習計畫與生涯規劃, or what the targets it is written for ask (their
 * 自述段落): the one it names, and those whose D-2 it is. Without such a target, its template pack's.
 */
export const statementSections = rule(['statement'], { 'section-missing': 'error' }, (context) => {
  const all: StatementSection[] = ['reflection', 'motivation', 'plan'];
  const name = targetName(context.document.target);
  const own = (t: LoadedTarget) => t.target?.items?.['D-2'] !== undefined && resolve(dirname(t.path), t.target.items['D-2']) === context.source.path;
  const targets = context.targets.filter((t) => t.target && ((name !== undefined && t.name === name) || own(t)));
  const asked = new Set(targets.flatMap((t) => t.target!.statementSections ?? all));
  const ids = targets.length ? all.filter((id) => asked.has(id)) : (context.document.required ?? all);
  requireSections(context, ids, statementSectionAliases);
});
