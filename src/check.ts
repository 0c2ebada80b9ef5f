import { stat } from 'node:fs/promises';
import { relative, resolve } from 'node:path';
import { sortDiagnostics, type Diagnostic } from './diagnostics.js';
import { discover, portfolioDocuments } from './discover.js';
import { checkDocument } from './check/check-document.js';
import { CheckMemo, ConsultedIndex, type DocumentEntry, type PortfolioMemo } from './check/check-memo.js';
import { checkYearCounts, yearRecord } from './check/portfolio-rules.js';
import { checkAttachments, checkTarget } from './check/target-rules.js';
import { themeFor } from './layout/theme-for.js';
import { textCoverage } from './layout/coverage.js';
import type { Coverage } from './infra/glyph-coverage.js';
import { loadDocument, type LoadedPortfolio } from './model/load.js';
import { loadTargets, type LoadedTarget } from './model/load-target.js';
import { renderForms } from './pack/forms.js';
import { overlayText, withOverlay, type Overlay } from './read/overlay.js';
import { readText } from './read/read-source.js';

export { CheckMemo } from './check/check-memo.js';

export interface CheckOptions {
  cwd?: string;
  /** Unsaved texts by absolute path, read instead of those files (an editor's open buffers). */
  overlay?: Overlay;
  /**
   * What earlier checks found, used again for every document whose text did not change (and the
   * targets that list none that did), while portfolio.yaml and the targets stay as they were.
   */
  memo?: CheckMemo;
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
  const memos = options.memo ?? new CheckMemo();
  const { groups, diagnostics } = await discover(paths, cwd, undefined);
  let documentCount = 0;
  let targetCount = 0;
  for (const { portfolio, files } of groups) {
    const targets = await loadTargets(portfolio.root, cwd);
    const { theme, diagnostics: themeDiagnostics } = themeFor(portfolio);
    diagnostics.push(...themeDiagnostics);
    const memo = memos.portfolio(`${portfolio.root}\0${cwd}`, settingsKey(portfolio, targets));
    const reader = documentReader(memo, portfolio, targets, cwd, textCoverage(theme));
    const years = [];
    for (const file of files) {
      const { loaded, checked } = await reader.checked(file);
      documentCount++;
      // One by one: a file may bring more diagnostics than a call takes arguments (an unknown key on each of 100,000 lines).
      for (const d of checked.diagnostics) diagnostics.push(d);
      if (loaded.source && loaded.document) years.push(checked.year);
    }
    diagnostics.push(...checkYearCounts(years));
    // Targets may name any document of the portfolio, also those not among the paths checked.
    const entries = new Map<string, DocumentEntry>();
    for (const file of (await portfolioDocuments(portfolio.root, portfolio.root, resolve(portfolio.root, 'out'))).files)
      entries.set(resolve(file), await reader.read(file));
    for (const target of targets) {
      targetCount++;
      for (const d of target.diagnostics) diagnostics.push(d);
      diagnostics.push(...(await targetFindings(memo, target, entries, portfolio)));
    }
  }
  return { diagnostics: sortDiagnostics(diagnostics), documents: documentCount, targets: targetCount };
}

/** What every document's findings depend on besides its own text: portfolio.yaml and the targets, as read. */
function settingsKey(portfolio: LoadedPortfolio, targets: readonly LoadedTarget[]): string {
  return JSON.stringify([portfolio.portfolio, targets.map((t) => [t.path, t.name, t.target])]);
}

/** A saved file's size and times: unchanged, so is its text (an editor's save or a checkout changes them). */
const fileStamp = (path: string): Promise<string | undefined> =>
  stat(path).then(
    (info) => `${info.size}:${info.mtimeMs}:${info.ctimeMs}:${info.ino}`,
    () => undefined,
  );

/**
 * Documents read and checked through the memo: a text seen before is neither parsed nor checked
 * again, a saved file whose stamp did not change is not even read, and each file is read once a check.
 */
function documentReader(memo: PortfolioMemo, portfolio: LoadedPortfolio, targets: readonly LoadedTarget[], cwd: string, coverage: Coverage) {
  const reads = new Map<string, Promise<DocumentEntry>>();
  const readEntry = async (file: string, path: string): Promise<DocumentEntry> => {
    const known = memo.documents.get(path);
    const stamp = overlayText(path) === undefined ? await fileStamp(path) : undefined;
    if (known && stamp !== undefined && known.stamp === stamp) return known;
    const { text } = await readText(path, relative(cwd, path) || path);
    if (known && text !== undefined && known.text === text) return Object.assign(known, { stamp });
    const entry: DocumentEntry = { text: text ?? '', stamp, loaded: await loadDocument(file, portfolio.root, cwd) };
    // An unreadable file is read again next time: its problem may be gone without its text changing.
    if (text !== undefined) memo.documents.set(path, entry);
    else memo.documents.delete(path);
    return entry;
  };
  const read = (file: string): Promise<DocumentEntry> => {
    const path = resolve(file);
    let entry = reads.get(path);
    if (!entry) reads.set(path, (entry = readEntry(file, path)));
    return entry;
  };
  const checked = async (file: string): Promise<DocumentEntry & Required<Pick<DocumentEntry, 'checked'>>> => {
    const entry = await read(file);
    if (!entry.checked) {
      const { source, document, partial, diagnostics } = entry.loaded;
      const found = [...diagnostics];
      if (source && partial) found.push(...(await checkDocument(source, partial, portfolio.portfolio, portfolio.root, targets, coverage)));
      if (source && document) found.push(...(await checkDocument(source, document, portfolio.portfolio, portfolio.root, targets, coverage)));
      entry.checked = { diagnostics: found, year: source && document ? yearRecord({ source, document }) : undefined };
    }
    return entry as DocumentEntry & Required<Pick<DocumentEntry, 'checked'>>;
  };
  return { read, checked };
}

/** A target's findings: those of the last check while none of the documents it looked up changed. */
async function targetFindings(
  memo: PortfolioMemo,
  target: LoadedTarget,
  entries: ReadonlyMap<string, DocumentEntry>,
  portfolio: LoadedPortfolio,
): Promise<Diagnostic[]> {
  const known = memo.targets.get(target.path);
  if (known && [...known.consulted].every(([path, entry]) => entries.get(path) === entry)) return known.diagnostics;
  // Only documents of a known kind can be chosen (undefined when they have errors).
  const index = new ConsultedIndex([...entries].filter(([, e]) => e.loaded.kind).map(([path, e]) => [path, e.loaded.document]));
  const checked = checkTarget(target, index, portfolio.root);
  const diagnostics = [...checked.diagnostics, ...(await checkAttachments(target, checked.items, portfolio.root))];
  if (target.target) diagnostics.push(...(await renderForms(target, checked.items, portfolio.portfolio, portfolio.root)).diagnostics);
  memo.targets.set(target.path, { consulted: new Map([...index.consulted].map((path) => [path, entries.get(path)])), diagnostics });
  return diagnostics;
}
