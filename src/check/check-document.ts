import type { Diagnostic } from '../diagnostics.js';
import type { MarkdownSource } from '../read/read-source.js';
import { kindModels, type PortfolioDocument } from '../model/document.js';
import type { Portfolio } from '../model/portfolio.js';
import { ruleContext } from './rule.js';
import type { LoadedTarget } from '../model/load-target.js';
import { documentRules } from './rules/index.js';
import { applyRuleSettings } from './rule-settings.js';

/** Runs every rule that applies to the document's kind; rules only report, never throw. */
export async function checkDocument(
  source: MarkdownSource,
  document: PortfolioDocument,
  portfolio: Portfolio | undefined,
  root: string,
  targets: readonly LoadedTarget[],
): Promise<Diagnostic[]> {
  const found: Diagnostic[] = [];
  const context = ruleContext(source, document, portfolio, root, targets, kindModels[document.kind].keyTable, found);
  for (const rule of documentRules) if (rule.kinds.includes(document.kind)) await rule.check(context);
  return applyRuleSettings(found, portfolio);
}
