import { sortDiagnostics, type Diagnostic } from './diagnostics.js';
import { discover, loadPortfolioDocuments, targetIndex } from './discover.js';
import { checkDocument } from './check/check-document.js';
import { checkYearCounts, yearRecord, type CheckedDocument } from './check/portfolio-rules.js';
import { checkAttachments, checkTarget } from './check/target-rules.js';
import { themeFor } from './layout/theme-for.js';
import { textCoverage } from './layout/coverage.js';
import { loadDocument } from './model/load.js';
import { loadTargets } from './model/load-target.js';
import { renderForms } from './pack/forms.js';
import { withOverlay, type Overlay } from './read/overlay.js';

export interface CheckOptions {
  cwd?: string;
  /** Unsaved texts by absolute path, read instead of those files (an editor's open buffers). */
  overlay?: Overlay;
}

export interface CheckResult {
  diagnostics: Diagnostic[];
  documents: number;
  targets: number;
}

/**
 * Validates without writing anything: every document's front matter and rules, the characters
 * its fonts lack, the school-year counts, and every target against its channel's limits.
 * Throws a LichengUsageError when a named path does not exist.
 */
export function check(paths: readonly string[], options: CheckOptions = {}): Promise<CheckResult> {
  return withOverlay(options.overlay, () => checkPaths(paths, options));
}

async function checkPaths(paths: readonly string[], options: CheckOptions): Promise<CheckResult> {
  const cwd = options.cwd ?? process.cwd();
  const { groups, diagnostics } = await discover(paths, cwd, undefined);
  let documentCount = 0;
  let targetCount = 0;
  for (const { portfolio, files } of groups) {
    const targets = await loadTargets(portfolio.root, cwd);
    const { theme, diagnostics: themeDiagnostics } = themeFor(portfolio);
    diagnostics.push(...themeDiagnostics);
    const coverage = textCoverage(theme);
    const checked: CheckedDocument[] = [];
    for (const file of files) {
      const loaded = await loadDocument(file, portfolio.root, cwd);
      documentCount++;
      // One by one: a file may bring more diagnostics than a call takes arguments (an unknown key on each of 100,000 lines).
      for (const d of loaded.diagnostics) diagnostics.push(d);
      const { source, document, partial } = loaded;
      if (source && partial) diagnostics.push(...(await checkDocument(source, partial, portfolio.portfolio, portfolio.root, targets, coverage)));
      if (!source || !document) continue;
      checked.push({ source, document });
      diagnostics.push(...(await checkDocument(source, document, portfolio.portfolio, portfolio.root, targets, coverage)));
    }
    diagnostics.push(...checkYearCounts(checked.map(yearRecord)));
    // Targets may name any document of the portfolio, also those not among the paths checked.
    const index = targetIndex(await loadPortfolioDocuments(portfolio.root, cwd, undefined));
    for (const target of targets) {
      targetCount++;
      const checked = checkTarget(target, index, portfolio.root);
      for (const d of target.diagnostics) diagnostics.push(d);
      diagnostics.push(...checked.diagnostics, ...(await checkAttachments(target, checked.items, portfolio.root)));
      if (target.target) diagnostics.push(...(await renderForms(target, checked.items, portfolio.portfolio, portfolio.root)).diagnostics);
    }
  }
  return { diagnostics: sortDiagnostics(diagnostics), documents: documentCount, targets: targetCount };
}
