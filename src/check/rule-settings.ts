import type { Diagnostic } from '../diagnostics.js';
import type { Portfolio } from '../model/portfolio.js';

/**
 * What portfolio.yaml's 規則 says of the rules' findings: a rule turned off reports nothing, one set
 * to warning or error reports with that severity (a teacher who does not want 心得 advice writes
 * `reflection-thin: off`). Only the rules' own findings are concerned, not unreadable files.
 */
export function applyRuleSettings(found: readonly Diagnostic[], portfolio: Portfolio | undefined): Diagnostic[] {
  const rules = portfolio?.rules;
  if (!rules) return [...found];
  return found.flatMap((d) => {
    const setting = rules[d.ruleId];
    if (setting === 'off') return [];
    return setting ? [{ ...d, severity: setting }] : [d];
  });
}
