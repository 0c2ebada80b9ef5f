import { readdir, stat } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { diagnostic, type Diagnostic } from './diagnostics.js';
import { loadDocument, loadPortfolio, type LoadedDocument, type LoadedPortfolio } from './model/load.js';
import type { PortfolioDocument } from './model/document.js';
import { documentKinds } from './model/vocabulary.js';
import { confine, type AssetProblem } from './read/resolve-asset.js';
import { portfolioOutputProblem, prepareOutputFolder, shownPath } from './output-folder.js';
import { LichengUsageError } from './usage-error.js';

/** One portfolio found under the paths a command was given, and which of its documents to handle. */
export interface PortfolioGroup {
  portfolio: LoadedPortfolio;
  files: string[];
  outDir: string;
}

/** Folders of the portfolio root that hold no documents; inside a document folder, a `media/` or `out/` is walked like any other. */
const skippedFolders = new Set(['node_modules', 'out', 'dist', 'media', 'targets']);

/** A Markdown file in a document folder that is not built, and why. */
export interface SkippedDocument {
  path: string;
  reason: AssetProblem | 'folder-link';
}

/** The Markdown documents of a folder, in a stable order, and the ones left out (said to the user, never silently). */
export async function portfolioDocuments(root: string, dir: string, outDir: string): Promise<{ files: string[]; skipped: SkippedDocument[] }> {
  const files: string[] = [];
  const skipped: SkippedDocument[] = [];
  const walk = async (folder: string) => {
    const entries = await readdir(folder, { withFileTypes: true });
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const path = join(folder, entry.name);
      if (entry.name.startsWith('.') || path === outDir || entry.name === 'node_modules') continue;
      if (entry.isDirectory()) {
        if (folder !== root || !skippedFolders.has(entry.name)) await walk(path);
        continue;
      }
      const rel = relative(root, path);
      // A linked folder is not walked: it could lead outside the portfolio or back into itself.
      if (entry.isSymbolicLink() && (await stat(path).catch(() => undefined))?.isDirectory()) {
        if (isDocumentPath(join(rel, 'x.md'))) skipped.push({ path, reason: 'folder-link' });
        continue;
      }
      if (!entry.name.endsWith('.md') || !isDocumentPath(rel)) continue;
      const confined = confine(path, root);
      if ('problem' in confined) skipped.push({ path, reason: confined.problem });
      else files.push(path);
    }
  };
  await walk(dir);
  return { files, skipped };
}

function isDocumentPath(rel: string): boolean {
  const parts = rel.split(sep);
  if (parts.length === 1) return parts[0] === 'summary.md';
  return Object.values(documentKinds).some((k) => k.folder === parts[0]);
}

/**
 * Groups the given paths (folders or files; default `.`) by the portfolio they belong to.
 * Throws a LichengUsageError naming every path that does not exist, before anything is read.
 */
export async function discover(
  paths: readonly string[],
  cwd: string,
  outDir: string | undefined,
): Promise<{ groups: PortfolioGroup[]; diagnostics: Diagnostic[] }> {
  const diagnostics: Diagnostic[] = [];
  const groups = new Map<string, PortfolioGroup>();
  const given = paths.length ? paths : ['.'];
  const found = await Promise.all(given.map((path) => stat(resolve(cwd, path)).catch(() => undefined)));
  const missing = given.filter((_, i) => !found[i]);
  if (missing.length > 0) throw new LichengUsageError(missing.map((path) => diagnostic(path, undefined, 'error', 'path-missing', { path })));
  for (const [i, path] of given.entries()) {
    const absolute = resolve(cwd, path);
    const info = found[i]!;
    const portfolio = await loadPortfolio(info.isDirectory() ? absolute : dirname(absolute), cwd);
    let group = groups.get(portfolio.root);
    if (!group) {
      group = { portfolio, files: [], outDir: resolve(cwd, outDir ?? join(portfolio.root, 'out')) };
      groups.set(portfolio.root, group);
      for (const d of portfolio.diagnostics) diagnostics.push(d);
    }
    const { files, skipped } = info.isDirectory() ? await portfolioDocuments(portfolio.root, absolute, group.outDir) : { files: [absolute], skipped: [] };
    for (const { path: file, reason } of skipped)
      diagnostics.push(diagnostic(relative(cwd, file) || file, undefined, 'warning', 'document-skipped', { reason }));
    if (files.length === 0) diagnostics.push(diagnostic(path, undefined, 'warning', 'no-documents', { path }));
    for (const file of files) if (!group.files.includes(file)) group.files.push(file);
  }
  return { groups: [...groups.values()], diagnostics };
}

/**
 * Each group's output folder made and proved writable before any work; a usage-error diagnostic
 * for each that cannot be used (a file, unwritable, among the portfolio's sources).
 */
export async function prepareOutputs(groups: readonly PortfolioGroup[], cwd: string): Promise<Diagnostic[]> {
  const found: Diagnostic[] = [];
  for (const { portfolio, outDir } of groups) {
    const shown = shownPath(cwd, outDir);
    const problem = (await portfolioOutputProblem(outDir, portfolio.root, shown)) ?? (await prepareOutputFolder(outDir, shown));
    if (problem) found.push(diagnostic(shown, undefined, 'error', problem.id, problem.args));
  }
  return found;
}

/** Every document of a portfolio, loaded, by absolute path: what a target's items can point at. */
export async function loadPortfolioDocuments(root: string, cwd: string, outDir: string | undefined): Promise<Map<string, LoadedDocument>> {
  const loaded = new Map<string, LoadedDocument>();
  for (const file of (await portfolioDocuments(root, root, outDir ?? join(root, 'out'))).files) loaded.set(resolve(file), await loadDocument(file, root, cwd));
  return loaded;
}

/** The documents a target may choose from: those with a known kind (undefined when they have errors). */
export const targetIndex = (loaded: ReadonlyMap<string, LoadedDocument>): Map<string, PortfolioDocument | undefined> =>
  new Map([...loaded].filter(([, l]) => l.kind).map(([path, l]) => [path, l.document]));
