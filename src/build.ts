import { rm } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { diagnostic, hasErrors, sortDiagnostics, type Diagnostic } from './diagnostics.js';
import { stat } from 'node:fs/promises';
import { discover, prepareOutputs, type PortfolioGroup } from './discover.js';
import { ownedFolder, shownPath } from './output-folder.js';
import { checkYearCounts } from './check/portfolio-rules.js';
import type { BuildWorkerMessage, BuiltDocument, DocumentTask } from './build-document.js';
import { workerScript } from './paths.js';
import type { LoadedPortfolio } from './model/load.js';
import { writeAtomic } from './infra/write-atomic.js';
import { removeDeadTemporaries } from './infra/atomic.js';
import { affordableJobs, openLane, stopMessage, type PoolOutcome } from './infra/pool.js';
import { Turns } from './infra/turns.js';
import type { FittedMedia } from './emit/fit-document-media.js';
import { limits } from './limits.js';
import type { OnProgress } from './progress.js';
import { message, type Lang } from './messages.js';
import { categoryNames, type DocumentKind } from './model/vocabulary.js';
import { LichengUsageError } from './usage-error.js';
import { readFamilyAhead } from './infra/fonts.js';
import { bundledFonts } from './layout/theme.js';

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
   * Threads to typeset with (default 1: this one); more means this thread and `jobs - 1` worker
   * threads. The CLI passes the core count; a portfolio with few documents is still built in this
   * thread alone, where no worker start-up is paid.
   */
  jobs?: number;
  /**
   * Stops the build: the documents finished so far keep their PDFs and the portfolio being built
   * gets a manifest of just those (marked `interrupted`); later portfolios are not touched.
   */
  signal?: AbortSignal;
  /** Told of each document typeset (N of M in its portfolio) and of a 影音檔's encoding as it goes. */
  onProgress?: OnProgress;
}

/** Fewer documents than this per worker are not worth a worker's start-up (modules and fonts). */
const minimumPerWorker = 4;
/** Memory a build worker is budgeted: the fonts, one document's images and its PDF. */
export const buildWorkerBytes = 256 * 2 ** 20;

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
  portfolios: {
    root: string;
    outDir: string;
    manifest: string;
    documents: DocumentResult[] /** Documents found, built or not (interrupted). */;
    total: number;
  }[];
  /** Every diagnostic, documents' and portfolios' alike, sorted by file and position. */
  diagnostics: Diagnostic[];
  /** `options.signal` stopped the build; `portfolios` holds what was done. */
  interrupted: boolean;
}

/** Builds every document under the given paths (folders or files) into PDFs and a manifest. */
export async function build(paths: readonly string[], options: BuildOptions = {}): Promise<BuildResult> {
  const cwd = options.cwd ?? process.cwd();
  const maxBytes = options.maxBytes ?? limits.documentMaxBytes;
  // Every theme sets its headings in the bundled sans face: read while the portfolios are found and read.
  readFamilyAhead(bundledFonts.sans);
  const { groups, diagnostics: all } = await discover(paths, cwd, options.outDir);
  const portfolios: BuildResult['portfolios'] = [];
  const unusable = [...(await prepareOutputs(groups, cwd)), ...(await foreignManifests(groups, cwd))];
  if (unusable.length > 0) throw new LichengUsageError(unusable);
  for (const { portfolio, files, outDir } of groups) {
    if (options.signal?.aborted) break;
    const manifest = join(outDir, 'manifest.json');
    // From the first new PDF on, the old manifest would describe files that are no longer its
    // own: it goes first, and the temp files of a killed run with it.
    // (An output folder that cannot be written is reported when the manifest is written.)
    await rm(manifest, { force: true }).catch(() => undefined);
    await removeDeadTemporaries(outDir);
    const jobs = Math.min(affordableJobs(options.jobs ?? 1, buildWorkerBytes).jobs, Math.ceil(files.length / minimumPerWorker));
    const tasks = files.map((file): DocumentTask => ({ file, root: portfolio.root, outDir, cwd, maxBytes }));
    const built = await buildDocuments(tasks, portfolio, jobs, options);
    const documents = built.map((b) => b.result);
    const interrupted = options.signal?.aborted === true;
    all.push(...(built[0]?.portfolioDiagnostics ?? []));
    // Counting a part of the documents would tell of limits that are not exceeded.
    if (!interrupted) all.push(...checkYearCounts(built.map((b) => b.year)));
    await writeAtomic(manifest, JSON.stringify(manifestOf(portfolio, documents, options.lang ?? 'zh', interrupted), null, 2) + '\n').catch(
      (error: NodeJS.ErrnoException) => {
        all.push(diagnostic(relative(cwd, manifest) || manifest, undefined, 'error', 'write-failed', { path: manifest, reason: error.code ?? error.message }));
      },
    );
    portfolios.push({ root: portfolio.root, outDir, manifest, documents, total: files.length });
    for (const d of documents) for (const found of d.diagnostics) all.push(found);
  }
  return { portfolios, diagnostics: sortDiagnostics(all), interrupted: options.signal?.aborted === true };
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

/**
 * The documents of one portfolio, taken from a shared list by this thread (two at a time, taking
 * turns: below) and by `jobs - 1` worker threads. This thread starts at once; each worker reads the
 * portfolio and loads its fonts first, then joins for the documents still left (on 2 cores a worker
 * that did not start until this one had finished its share cost more than it saved). Results in
 * document order. Once `signal` fires no document is started; those at work in this thread are
 * finished. One that ends after the signal with an error (its ffmpeg may have died of the same
 * Ctrl-C) is left out of the manifest; one with its PDF written and no error is in it, as its PDF
 * is on disk.
 */
async function buildDocuments(tasks: readonly DocumentTask[], portfolio: LoadedPortfolio, jobs: number, options: BuildOptions): Promise<BuiltDocument[]> {
  const { signal, onProgress } = options;
  const built: BuiltDocument[] = new Array(tasks.length);
  let next = 0;
  let done = 0;
  const take = () => (next < tasks.length && !signal?.aborted ? next++ : undefined);
  const finish = (index: number, one: BuiltDocument, thread: number) => {
    built[index] = one;
    onProgress?.({ kind: 'document', done: ++done, total: tasks.length, file: one.result.source, thread });
  };
  const here = async () => {
    // Typesetting modules load here, not at import: a library caller that only checks never needs them.
    const { buildOne } = await import('./build-document.js');
    // The first document reads the portfolio afresh; the others reuse it.
    let loaded: LoadedPortfolio | undefined = portfolio;
    let failure = false;
    const turns = new Turns();
    const lane = async () => {
      for (let index = failure ? undefined : take(); index !== undefined; index = failure ? undefined : take()) {
        const given = loaded;
        loaded = undefined;
        await turns.take();
        const one = await buildOne(tasks[index]!, given, onProgress, turns.aside)
          .catch((error: unknown) => {
            failure = true;
            throw error;
          })
          .finally(() => turns.give());
        if (!signal?.aborted || (one.result.pdf && !hasErrors(one.result.diagnostics))) finish(index, one, 0);
      }
    };
    // Two documents at a time, taking turns: while one waits for its fonts to be deflated on the
    // thread pool (emit/pdf-engine.ts), this thread typesets the other; all else is one document
    // at a time (libvips, for one, reports a decoding error of one image to whichever asks first).
    // A lane that fails stops both from taking more, and the failure is reported once neither is at work.
    const lanes = await Promise.allSettled(tasks.length > 1 ? [lane(), lane()] : [lane()]);
    const failed = lanes.find((l) => l.status === 'rejected');
    if (failed) throw failed.reason;
  };
  // One listener for all workers: stopping ends each one's running document as `interrupted`.
  const running = new Set<() => void>();
  const interrupt = () => running.forEach((end) => end());
  signal?.addEventListener('abort', interrupt, { once: true });
  const worker = async (thread: number) => {
    const lane = openLane<BuildWorkerMessage, BuiltDocument | { prepared: true }>(workerScript('licheng/build-worker.cjs'), { jobs: 1, stopMessage }, running);
    try {
      const { root, cwd } = tasks[0]!;
      // A worker that cannot even start leaves the documents to the others.
      if ((await lane.run({ prepare: { root, cwd } })).kind !== 'done') return;
      for (let index = take(); index !== undefined; index = take()) {
        const outcome = await lane.run(tasks[index]!);
        if (outcome.kind === 'interrupted') return;
        if (outcome.kind !== 'done') return failed(outcome, tasks[index]!.file);
        finish(index, outcome.value as BuiltDocument, thread);
      }
    } finally {
      await lane.close();
    }
  };
  try {
    await Promise.all([here(), ...Array.from({ length: jobs - 1 }, (_, i) => worker(i + 1))]);
  } finally {
    signal?.removeEventListener('abort', interrupt);
  }
  return built.filter((b) => b !== undefined);
}

function failed(outcome: PoolOutcome<unknown>, what: string): void {
  if (outcome.kind === 'interrupted') return;
  throw new Error(`a build worker ${outcome.kind === 'crashed' ? `crashed: ${outcome.reason}` : 'timed out'} on ${what}`);
}

function manifestOf(portfolio: LoadedPortfolio, documents: DocumentResult[], lang: Lang, interrupted: boolean) {
  return {
    generator: 'licheng',
    // Only when true: the manifest of a complete build stays as it was.
    ...(interrupted ? { interrupted } : {}),
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
      diagnostics: d.diagnostics.map((x) => ({
        line: x.line,
        column: x.column,
        severity: x.severity,
        ruleId: x.ruleId,
        message: message(x.ruleId, x.args, lang),
      })),
    })),
  };
}
