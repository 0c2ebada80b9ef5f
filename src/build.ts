import { readdir, stat } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { diagnostic, hasErrors, sortDiagnostics, type Diagnostic } from './diagnostics.js';
import { checkDocument } from './check/check-document.js';
import { loadDocument, loadPortfolio, type LoadedPortfolio } from './model/load.js';
import { themeFor } from './layout/theme-for.js';
import { renderDocument, sha256 } from './emit/render-document.js';
import { documentCode, documentSummary } from './model/document.js';
import { loadTargets, type LoadedTarget } from './model/load-target.js';
import { writeAtomic } from './emit/write-atomic.js';
import { limits } from './limits.js';
import { message, type Lang } from './messages.js';
import { categoryNames, documentKinds, type DocumentKind } from './model/vocabulary.js';

export interface BuildOptions {
  /** Output folder; default `out/` under each portfolio. */
  outDir?: string;
  /** Where relative paths in diagnostics start from. */
  cwd?: string;
  /** PDF cap in bytes (default 4,000,000). */
  maxBytes?: number;
  /** Language of the messages written into manifest.json. */
  lang?: Lang;
}

export interface DocumentResult {
  source: string;
  kind: DocumentKind | undefined;
  code?: string;
  title?: string;
  summary?: string;
  pdf?: { path: string; bytes: number; pages: number; sha256: string };
  diagnostics: Diagnostic[];
}

export interface BuildResult {
  /** Each portfolio built, with its output folder and manifest. */
  portfolios: { root: string; outDir: string; manifest: string; documents: DocumentResult[] }[];
  /** Every diagnostic, documents' and portfolios' alike, sorted by file and position. */
  diagnostics: Diagnostic[];
  /** A named path did not exist: a usage error, not a document error. */
  usageError: boolean;
}

const skippedFolders = new Set(['node_modules', 'out', 'dist', 'media', 'targets']);

/** The Markdown documents of a portfolio folder, in a stable order. */
export async function portfolioDocuments(root: string, outDir: string): Promise<string[]> {
  const found: string[] = [];
  const walk = async (dir: string) => {
    const entries = await readdir(dir, { withFileTypes: true });
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const path = join(dir, entry.name);
      if (entry.name.startsWith('.') || path === outDir) continue;
      if (entry.isDirectory() && !skippedFolders.has(entry.name)) await walk(path);
      else if (entry.isFile() && entry.name.endsWith('.md') && isDocumentPath(relative(root, path))) found.push(path);
    }
  };
  await walk(root);
  return found;
}

function isDocumentPath(rel: string): boolean {
  const parts = rel.split(sep);
  if (parts.length === 1) return parts[0] === 'summary.md';
  return Object.values(documentKinds).some((k) => k.folder === parts[0]);
}

/** Builds every document under the given paths (folders or files) into PDFs and a manifest. */
export async function build(paths: readonly string[], options: BuildOptions = {}): Promise<BuildResult> {
  const cwd = options.cwd ?? process.cwd();
  const maxBytes = options.maxBytes ?? limits.documentMaxBytes;
  const all: Diagnostic[] = [];
  const groups = new Map<string, { portfolio: LoadedPortfolio; files: string[] }>();
  let usageError = false;
  for (const path of paths.length ? paths : ['.']) {
    const absolute = resolve(cwd, path);
    const info = await stat(absolute).catch(() => undefined);
    if (!info) {
      all.push(diagnostic(path, undefined, 'error', 'path-missing', { path }));
      usageError = true;
      continue;
    }
    const portfolio = await loadPortfolio(info.isDirectory() ? absolute : dirname(absolute), cwd);
    let group = groups.get(portfolio.root);
    if (!group) {
      group = { portfolio, files: [] };
      groups.set(portfolio.root, group);
      all.push(...portfolio.diagnostics);
    }
    const outDir = resolve(cwd, options.outDir ?? join(portfolio.root, 'out'));
    const files = info.isDirectory() ? await portfolioDocuments(absolute, outDir) : [absolute];
    if (files.length === 0) all.push(diagnostic(path, undefined, 'warning', 'no-documents', { path }));
    for (const file of files) if (!group.files.includes(file)) group.files.push(file);
  }
  const portfolios: BuildResult['portfolios'] = [];
  for (const { portfolio, files } of groups.values()) {
    const outDir = resolve(cwd, options.outDir ?? join(portfolio.root, 'out'));
    const documents: DocumentResult[] = [];
    const targets = await loadTargets(portfolio.root, cwd);
    for (const file of files) documents.push(await buildDocument(file, portfolio, targets, outDir, cwd, maxBytes));
    const manifest = join(outDir, 'manifest.json');
    await writeAtomic(manifest, JSON.stringify(manifestOf(portfolio, documents, options.lang ?? 'zh'), null, 2) + '\n');
    portfolios.push({ root: portfolio.root, outDir, manifest, documents });
    for (const d of documents) all.push(...d.diagnostics);
  }
  return { portfolios, diagnostics: sortDiagnostics(all), usageError };
}

async function buildDocument(file: string, portfolio: LoadedPortfolio, targets: readonly LoadedTarget[], outDir: string, cwd: string, maxBytes: number): Promise<DocumentResult> {
  const rel = relative(portfolio.root, file);
  const loaded = await loadDocument(file, portfolio.root, cwd);
  const result: DocumentResult = { source: rel, kind: loaded.kind, diagnostics: loaded.diagnostics };
  const { source, document } = loaded;
  if (!source || !document) return result;
  Object.assign(result, { code: documentCode(document), title: 'title' in document ? document.title : undefined, summary: documentSummary(document) });
  result.diagnostics.push(...(await checkDocument(source, document, portfolio.portfolio, portfolio.root, targets)));
  const { theme, diagnostics: themeDiagnostics } = themeFor(portfolio);
  result.diagnostics.push(...themeDiagnostics);
  try {
    const { pdf, diagnostics } = await renderDocument({ source, document, portfolio: portfolio.portfolio, root: portfolio.root, theme, maxBytes });
    result.diagnostics.push(...diagnostics);
    if (!pdf) return result;
    const out = join(outDir, rel.replace(/\.md$/i, '.pdf'));
    await writeAtomic(out, pdf.data);
    result.pdf = { path: relative(outDir, out), bytes: pdf.data.length, pages: pdf.pages, sha256: sha256(pdf.data) };
  } catch (error) {
    result.diagnostics.push(diagnostic(source.displayPath, undefined, 'error', 'render-failed', { reason: (error as Error).message.split('\n')[0] ?? String(error) }));
  }
  return result;
}

function manifestOf(portfolio: LoadedPortfolio, documents: DocumentResult[], lang: Lang) {
  return {
    generator: 'licheng',
    student: portfolio.portfolio?.student ?? null,
    school: portfolio.portfolio?.school ?? null,
    documents: documents.map((d) => ({
      source: d.source.split(sep).join('/'),
      kind: d.kind ?? null,
      code: d.code ?? null,
      codeName: d.code ? categoryNames[d.code as keyof typeof categoryNames] : null,
      title: d.title ?? null,
      summary: d.summary ?? null,
      pdf: d.pdf ? { ...d.pdf, path: d.pdf.path.split(sep).join('/') } : null,
      media: null,
      diagnostics: d.diagnostics.map((x) => ({ line: x.line, column: x.column, severity: x.severity, ruleId: x.ruleId, message: message(x.ruleId, x.args, lang) })),
    })),
  };
}
