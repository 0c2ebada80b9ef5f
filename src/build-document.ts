import { rm } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { diagnostic, hasErrors, type Diagnostic } from './diagnostics.js';
import { checkDocument } from './check/check-document.js';
import { yearRecord, type YearRecord } from './check/portfolio-rules.js';
import { fitDocumentMedia } from './emit/fit-document-media.js';
import { renderDocument, sha256, type RenderedPdf } from './emit/render-document.js';
import { writeAtomic } from './infra/write-atomic.js';
import { textCoverage } from './layout/coverage.js';
import { glyphCoverage } from './check/rules/glyph-coverage.js';
import { themeFor } from './layout/theme-for.js';
import type { Theme } from './layout/theme.js';
import { documentCode, documentSummary, type PortfolioDocument } from './model/document.js';
import type { BlockListener, Content } from './layout/markdown.js';
import type { MarkdownSource } from './read/read-source.js';
import { loadDocument, loadPortfolio, type LoadedPortfolio } from './model/load.js';
import { loadTargets, targetName, type LoadedTarget } from './model/load-target.js';
import type { DocumentResult } from './build.js';
import type { OnProgress } from './progress.js';
import { waitHere, type WaitAside } from './infra/turns.js';

/** One document to build: plain data, so a worker thread can take it. */
export interface DocumentTask {
  file: string;
  root: string;
  outDir: string;
  cwd: string;
  maxBytes: number;
}

/** What a build worker is sent: a portfolio to read ahead, a document to build, or the order to stop. */
export type BuildWorkerMessage = DocumentTask | { prepare: Pick<DocumentTask, 'root' | 'cwd'> } | { stop: true };

export interface BuiltDocument {
  result: DocumentResult;
  year: YearRecord | undefined;
  /** Problems of the portfolio itself (portfolio.yaml, its font), the same for every document. */
  portfolioDiagnostics: Diagnostic[];
}

export interface PortfolioState {
  portfolio: LoadedPortfolio;
  targets: readonly LoadedTarget[];
  theme: Theme;
  diagnostics: Diagnostic[];
}

/**
 * Per process (or worker), each portfolio is read once, however many of its documents it builds.
 * A batch worker builds one student after another: the last few portfolios are kept, not all.
 */
const states = new Map<string, Promise<PortfolioState>>();
const statesKept = 8;

function portfolioState(task: Pick<DocumentTask, 'root' | 'cwd'>, loaded?: LoadedPortfolio): Promise<PortfolioState> {
  const key = `${task.root}\0${task.cwd}`;
  let state = states.get(key);
  if (!state || loaded) {
    state = readPortfolioState(task.root, task.cwd, loaded);
    states.delete(key);
    if (states.size >= statesKept) states.delete(states.keys().next().value!);
    states.set(key, state);
  }
  return state;
}

/** What a build worker reads before its first document: the portfolio, its targets and its theme's fonts. */
export async function preparePortfolio(root: string, cwd: string): Promise<void> {
  await portfolioState({ root, cwd });
}

/** portfolio.yaml, its theme and its targets, read now (an editor reads them again after each change). */
export async function readPortfolioState(root: string, cwd: string, loaded?: LoadedPortfolio): Promise<PortfolioState> {
  const portfolio = loaded ?? (await loadPortfolio(root, cwd));
  const { theme, diagnostics } = themeFor(portfolio);
  return { portfolio, targets: await loadTargets(portfolio.root, cwd), theme, diagnostics };
}

/** One document read, checked and typeset in memory: the PDF only when it has no error (or is a draft). */
export interface TypesetDocument {
  result: DocumentResult;
  year: YearRecord | undefined;
  source?: MarkdownSource;
  document?: PortfolioDocument;
  pdf?: RenderedPdf;
  /** The content typeset into `pdf`, its nodes placed by pdfmake. */
  content?: Content[];
}

export interface TypesetOptions {
  /** Told of each Markdown block laid out (an editor's source map). */
  onBlock?: BlockListener;
  /**
   * Typesets also a document with errors, as far as its model could be read: an editor's preview
   * shows the page while the student fixes it. Never written; `build` refuses such a document.
   */
  draft?: boolean;
  /** How to wait for work done off this thread (renderPdf): a build interleaving documents gives its turn away meanwhile. */
  aside?: WaitAside;
}

/** Reads, checks and typesets one document without writing anything: what `build` writes, and what an editor previews. */
export async function typesetDocument(task: Omit<DocumentTask, 'outDir'>, state: PortfolioState, options: TypesetOptions = {}): Promise<TypesetDocument> {
  const { portfolio, targets, theme } = state;
  const { root, maxBytes } = task;
  const read = await loadDocument(task.file, root, task.cwd);
  const result: DocumentResult = { source: relative(root, task.file), kind: read.kind, diagnostics: read.diagnostics };
  const { source, document, partial } = read;
  const year = source && document ? yearRecord({ source, document }) : undefined;
  // As `check` reports it: what the body's rules find while the front matter cannot be read.
  if (source && partial) result.diagnostics.push(...(await checkDocument(source, partial, portfolio.portfolio, root, targets, textCoverage(theme))));
  if (!source || !document) return { result, year, source, document };
  Object.assign(result, { code: documentCode(document), title: 'title' in document ? document.title : undefined, summary: documentSummary(document) });
  result.diagnostics.push(...(await checkDocument(source, document, portfolio.portfolio, root, targets)));
  if (hasErrors(result.diagnostics) && !options.draft) {
    // What typesetting would have reported, as `check` does: characters the fonts lack.
    result.diagnostics.push(...(await checkDocument(source, document, portfolio.portfolio, root, targets, textCoverage(theme), [glyphCoverage])));
    return { result, year, source, document };
  }
  try {
    const targetLabel = document.kind === 'statement' ? statementTarget(document.target, targets) : undefined;
    const { pdf, diagnostics, content } = await renderDocument({
      source,
      document,
      portfolio: portfolio.portfolio,
      root,
      theme,
      maxBytes,
      targetLabel,
      onBlock: options.onBlock,
      aside: options.aside,
    });
    result.diagnostics.push(...diagnostics);
    if (!pdf || (hasErrors(diagnostics) && !options.draft)) return { result, year, source, document };
    return { result, year, source, document, pdf, content };
  } catch (error) {
    result.diagnostics.push(
      diagnostic(source.displayPath, undefined, 'error', 'render-failed', { reason: (error as Error).message.split('\n')[0] ?? String(error) }),
    );
    return { result, year, source, document };
  }
}

/** Reads, checks and typesets one document, fits its media, and writes both under the output folder. */
export async function buildOne(task: DocumentTask, loaded?: LoadedPortfolio, onProgress?: OnProgress, aside: WaitAside = waitHere): Promise<BuiltDocument> {
  const state = await portfolioState(task, loaded);
  const portfolioDiagnostics = state.diagnostics;
  const { root, outDir } = task;
  const { result, year, source, document, pdf } = await typesetDocument(task, state, { aside });
  const base = join(outDir, relative(root, task.file).replace(/\.md$/i, ''));
  // One rule, whichever stage finds the problem: a document with errors gets no PDF and no media,
  // and those an earlier build wrote go, so no outdated PDF is taken for this one.
  const refused = async (): Promise<BuiltDocument> => {
    await Promise.all(['.pdf', '.mp4', '.mp3'].map((extension) => rm(base + extension, { force: true }).catch(() => undefined)));
    return { result, year, portfolioDiagnostics };
  };
  if (!source || !document || !pdf) return refused();
  try {
    const fitted = await fitDocumentMedia(source, document, root, base, onProgress);
    result.diagnostics.push(...fitted.diagnostics);
    if (hasErrors(fitted.diagnostics)) return await refused();
    // Written by the thread pool: another document may be typeset meanwhile.
    const written = await aside(writeAtomic(`${base}.pdf`, pdf.data)).then(
      () => true,
      (error: NodeJS.ErrnoException) => {
        result.diagnostics.push(
          diagnostic(source.displayPath, undefined, 'error', 'write-failed', { path: `${base}.pdf`, reason: error.code ?? error.message }),
        );
        return false;
      },
    );
    if (!written) return { result, year, portfolioDiagnostics };
    result.pdf = { path: relative(outDir, `${base}.pdf`), bytes: pdf.data.length, pages: pdf.pages, sha256: sha256(pdf.data) };
    if (fitted.media) result.media = { ...fitted.media, path: relative(outDir, fitted.media.path) };
  } catch (error) {
    result.diagnostics.push(
      diagnostic(source.displayPath, undefined, 'error', 'render-failed', { reason: (error as Error).message.split('\n')[0] ?? String(error) }),
    );
    return refused();
  }
  return { result, year, portfolioDiagnostics };
}

/** 學校 系所 of the target a 自述 names (targets/x.yaml or just x). */
function statementTarget(written: string | undefined, targets: readonly LoadedTarget[]): string | undefined {
  const target = targets.find((t) => t.name === targetName(written))?.target;
  return target ? `${target.school} ${target.department}` : undefined;
}
