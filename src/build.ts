import { join, relative, sep } from 'node:path';
import { diagnostic, sortDiagnostics, type Diagnostic } from './diagnostics.js';
import { stat } from 'node:fs/promises';
import { discover, prepareOutputs, type PortfolioGroup } from './discover.js';
import { ownedFolder, shownPath } from './output-folder.js';
import { checkYearCounts } from './check/portfolio-rules.js';
import type { BuiltDocument, DocumentTask } from './build-document.js';
import { workerScript } from './paths.js';
import type { LoadedPortfolio } from './model/load.js';
import { writeAtomic } from './emit/write-atomic.js';
import type { FittedMedia } from './emit/fit-document-media.js';
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
  /**
   * Worker threads to typeset with (default 1: in this thread). The CLI passes the core count;
   * a portfolio with few documents is still built in one thread, where no worker start-up is paid.
   */
  jobs?: number;
}

/** Fewer documents than this per worker are not worth a worker's start-up (modules and fonts). */
const minimumPerWorker = 4;

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
  const unusable = [...(await prepareOutputs(groups, cwd)), ...(await foreignManifests(groups, cwd))];
  if (unusable.length > 0) return { portfolios, diagnostics: unusable, usageError: true };
  for (const { portfolio, files, outDir } of groups) {
    const jobs = Math.min(options.jobs ?? 1, Math.ceil(files.length / minimumPerWorker));
    const tasks = files.map((file): DocumentTask => ({ file, root: portfolio.root, outDir, cwd, maxBytes }));
    const built = jobs > 1 ? await buildInWorkers(tasks, jobs) : await buildInProcess(tasks, portfolio);
    const documents = built.map((b) => b.result);
    all.push(...built[0]?.portfolioDiagnostics ?? [], ...checkYearCounts(built.map((b) => b.year)));
    const manifest = join(outDir, 'manifest.json');
    await writeAtomic(manifest, JSON.stringify(manifestOf(portfolio, documents, options.lang ?? 'zh'), null, 2) + '\n').catch((error: NodeJS.ErrnoException) => {
      all.push(diagnostic(relative(cwd, manifest) || manifest, undefined, 'error', 'write-failed', { path: manifest, reason: error.code ?? error.message }));
    });
    portfolios.push({ root: portfolio.root, outDir, manifest, documents });
    for (const d of documents) for (const found of d.diagnostics) all.push(found);
  }
  return { portfolios, diagnostics: sortDiagnostics(all), usageError };
}

/** A manifest.json in the output folder that licheng did not write (`-o` at some other project's folder) is not replaced. */
async function foreignManifests(groups: readonly PortfolioGroup[], cwd: string): Promise<Diagnostic[]> {
  const found: Diagnostic[] = [];
  for (const { outDir } of groups) {
    const manifest = join(outDir, 'manifest.json');
    if (!(await stat(manifest).catch(() => undefined)) || (await ownedFolder(outDir, 'manifest.json'))) continue;
    const shown = shownPath(cwd, manifest);
    found.push(diagnostic(shown, undefined, 'error', 'out-not-ours', { path: shown }));
  }
  return found;
}

/** Documents in this thread, one after the other: what the library and small portfolios use. */
async function buildInProcess(tasks: readonly DocumentTask[], portfolio: LoadedPortfolio): Promise<BuiltDocument[]> {
  const built: BuiltDocument[] = [];
  // Typesetting modules load here, not at import: with workers this thread never needs them.
  const { buildOne } = await import('./build-document.js');
  // The first document reads the portfolio afresh; the others reuse it.
  for (const [i, task] of tasks.entries()) built.push(await buildOne(task, i === 0 ? portfolio : undefined));
  return built;
}

/** Documents spread over worker threads, each loading fonts once; results in document order. */
async function buildInWorkers(tasks: readonly DocumentTask[], jobs: number): Promise<BuiltDocument[]> {
  const built: BuiltDocument[] = new Array(tasks.length);
  const { runPool } = await import('./batch/pool.js');
  await runPool<DocumentTask, BuiltDocument>(workerScript('build-worker.js'), tasks, { jobs }, async (task, outcome, index) => {
    if (outcome.kind !== 'done') throw new Error(`a build worker ${outcome.kind === 'crashed' ? `crashed: ${outcome.reason}` : 'timed out'} on ${task.file}`);
    built[index] = outcome.value;
  });
  return built;
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
