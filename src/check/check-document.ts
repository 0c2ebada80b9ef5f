import type { Diagnostic } from '../diagnostics.js';
import type { MarkdownSource } from '../read/read-source.js';
import { kindModels, type PortfolioDocument } from '../model/document.js';
import type { Portfolio } from '../model/portfolio.js';
import type { Coverage } from '../infra/glyph-coverage.js';
import { ruleContext, type Rule } from './rule.js';
import type { LoadedTarget } from '../model/load-target.js';
import { documentRules } from './rules/index.js';
import { applyRuleSettings } from './rule-settings.js';

/**
 * Runs every rule (or those given) that applies to the document's kind; rules only report, never throw.
 * Given the body font's coverage, characters it lacks are reported too. A partial document (its
 * front matter not read whole) is checked by the rules that have what they need of it.
 */
export async function checkDocument(
  source: MarkdownSource,
  document: PortfolioDocument,
  portfolio: Portfolio | undefined,
  root: string,
  targets: readonly LoadedTarget[],
  coverage?: Coverage,
  rules: readonly Rule[] = documentRules,
): Promise<Diagnostic[]> {
  const found: Diagnostic[] = [];
  const { reportFor, ...context } = ruleContext(source, document, portfolio, root, targets, kindModels[document.kind].keyTable, found, coverage);
  const has = (key: string) => (document as unknown as Record<string, unknown>)[key] !== undefined;
  for (const rule of rules)
    if (rule.kinds.includes(document.kind) && (rule.needs ?? []).every(has)) await rule.check({ ...context, report: reportFor(rule.messages) });
  return applyRuleSettings(found, portfolio);
}
