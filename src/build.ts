import { join, relative, sep } from 'node:path';
import { diagnostic, sortDiagnostics, type Diagnostic } from './diagnostics.js';
import { discover } from './discover.js';
import { checkYearCounts, type CheckedDocument } from './check/portfolio-rules.js';
import { checkDocument } from './check/check-document.js';
import { loadDocument, type LoadedPortfolio } from './model/load.js';
import { themeFor } from './layout/theme-for.js';
import { renderDocument, sha256 } from './emit/render-document.js';
import { documentCode, documentSummary } from './model/document.js';
import { loadTargets, targetName, type LoadedTarget } from './model/load-target.js';
import { writeAtomic } from './emit/write-atomic.js';
import { fitDocumentMedia, type FittedMedia } from './emit/fit-document-media.js';
import type { Theme } from './layout/theme.js';
import { limits } from './limits.js';
import { message, type Lang } from './messages.js';
import { categoryNames, type DocumentKind } from './model/vocabulary.js';

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
  media?: FittedMedia;
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

/** Builds every document under the given paths (folders or files) into PDFs and a manifest. */
export async function build(paths: readonly string[], options: BuildOptions = {}): Promise<BuildResult> {
  const cwd = options.cwd ?? process.cwd();
  const maxBytes = options.maxBytes ?? limits.documentMaxBytes;
  const { groups, diagnostics: all, usageError } = await discover(paths, cwd, options.outDir);
  const portfolios: BuildResult['portfolios'] = [];
  for (const { portfolio, files, outDir } of groups) {
    const documents: DocumentResult[] = [];
    const targets = await loadTargets(portfolio.root, cwd);
    const checked: CheckedDocument[] = [];
    const { theme, diagnostics: themeDiagnostics } = themeFor(portfolio);
    all.push(...themeDiagnostics);
    for (const file of files) documents.push(await buildDocument(file, portfolio, targets, theme, outDir, cwd, maxBytes, checked));
    all.push(...checkYearCounts(checked));
    const manifest = join(outDir, 'manifest.json');
    await writeAtomic(manifest, JSON.stringify(manifestOf(portfolio, documents, options.lang ?? 'zh'), null, 2) + '\n');
    portfolios.push({ root: portfolio.root, outDir, manifest, documents });
    for (const d of documents) all.push(...d.diagnostics);
  }
  return { portfolios, diagnostics: sortDiagnostics(all), usageError };
}

async function buildDocument(
  file: string,
  portfolio: LoadedPortfolio,
  targets: readonly LoadedTarget[],
  theme: Theme,
  outDir: string,
  cwd: string,
  maxBytes: number,
  checked: CheckedDocument[],
): Promise<DocumentResult> {
  const rel = relative(portfolio.root, file);
  const loaded = await loadDocument(file, portfolio.root, cwd);
  const result: DocumentResult = { source: rel, kind: loaded.kind, diagnostics: loaded.diagnostics };
  const { source, document } = loaded;
  if (!source || !document) return result;
  checked.push({ source, document });
  Object.assign(result, { code: documentCode(document), title: 'title' in document ? document.title : undefined, summary: documentSummary(document) });
  result.diagnostics.push(...(await checkDocument(source, document, portfolio.portfolio, portfolio.root, targets)));
  try {
    const targetLabel = document.kind === 'statement' ? statementTarget(document.target, targets) : undefined;
    const { pdf, diagnostics } = await renderDocument({ source, document, portfolio: portfolio.portfolio, root: portfolio.root, theme, maxBytes, targetLabel });
    result.diagnostics.push(...diagnostics);
    if (!pdf) return result;
    const base = join(outDir, rel.replace(/\.md$/i, ''));
    await writeAtomic(`${base}.pdf`, pdf.data);
    result.pdf = { path: relative(outDir, `${base}.pdf`), bytes: pdf.data.length, pages: pdf.pages, sha256: sha256(pdf.data) };
    const fitted = await fitDocumentMedia(source, document, portfolio.root, base);
    result.diagnostics.push(...fitted.diagnostics);
    if (fitted.media) result.media = { ...fitted.media, path: relative(outDir, fitted.media.path) };
  } catch (error) {
    result.diagnostics.push(diagnostic(source.displayPath, undefined, 'error', 'render-failed', { reason: (error as Error).message.split('\n')[0] ?? String(error) }));
  }
  return result;
}

/** 學校 系所 of the target a 自述 names (targets/x.yaml or just x). */
function statementTarget(written: string | undefined, targets: readonly LoadedTarget[]): string | undefined {
  const target = targets.find((t) => t.name === targetName(written))?.target;
  return target ? `${target.school} ${target.department}` : undefined;
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
      media: d.media ? { ...d.media, path: d.media.path.split(sep).join('/') } : null,
      diagnostics: d.diagnostics.map((x) => ({ line: x.line, column: x.column, severity: x.severity, ruleId: x.ruleId, message: message(x.ruleId, x.args, lang) })),
    })),
  };
}
