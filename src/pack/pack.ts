import { readFile, rm } from 'node:fs/promises';
import { basename, extname, join, relative, resolve } from 'node:path';
import type { BuildResult, DocumentResult } from '../build.js';
import { copyAtomically } from '../infra/atomic.js';
import { removeOnInterrupt } from '../infra/interrupt.js';
import { commitFolder, discardFolder, NotOursError, removeDeadFolders, replaceable, shownPath } from '../output-folder.js';
import { diagnostic, hasErrors, sortDiagnostics, type Diagnostic } from '../diagnostics.js';
import { discover, loadPortfolioDocuments, prepareOutputs, targetIndex } from '../discover.js';
import { checkDocument } from '../check/check-document.js';
import { checkAttachments, checkTarget, unnamedTarget, type ChosenItem } from '../check/target-rules.js';
import { renderDocument, sha256, typesetPageCount } from '../emit/render-document.js';
import { fitDocumentMedia } from '../emit/fit-document-media.js';
import { renderGenerated, renderGeneratedParts, type GeneratedDocument } from '../emit/render-generated.js';
import { writeAtomic } from '../infra/write-atomic.js';
import { themeFor } from '../layout/theme-for.js';
import { channelLimits, limits } from '../limits.js';
import { documentSummary, type PortfolioDocument } from '../model/document.js';
import type { LoadedDocument, LoadedPortfolio } from '../model/load.js';
import { loadTarget, loadTargets, targetName, type LoadedTarget } from '../model/load-target.js';
import type { ItemCode } from '../model/target.js';
import { categoryNames } from '../model/vocabulary.js';
import type { Theme } from '../layout/theme.js';
import { checklistMarkdown, type ChecklistItem } from './checklist.js';
import { itemTitle, renderForms } from './forms.js';
import type { OnProgress } from '../progress.js';
import { mergePdfs, type MergePart } from './merge-pdfs.js';
import { wholeFileStamps } from './contents.js';
import { fitCategory } from './fit-category.js';
import { framedPdf, pdfPageCount } from '../emit/append-pdf.js';
import { documentDefinition } from '../layout/document.js';

export interface PackOptions {
  /** Target files to pack; default every targets/*.yaml. */
  targets?: readonly string[];
  outDir?: string;
  cwd?: string;
  maxBytes?: number;
  /** A build of the same portfolio just made (same options): its PDFs and media are reused, not made again. */
  built?: BuildResult;
  /** Told of each target packed, each category file merged and a 影音檔's encoding as it goes. */
  onProgress?: OnProgress;
}

export interface BundleFile {
  name: string;
  bytes: number;
  pages: number;
  sha256: string;
}

export interface BundleResult {
  target: string;
  dir: string;
  ok: boolean;
  files: BundleFile[];
  diagnostics: Diagnostic[];
}

export interface PackResult {
  bundles: BundleResult[];
  diagnostics: Diagnostic[];
  usageError: boolean;
}

const categoryFiles: readonly { file: string; codes: readonly ItemCode[] }[] = [
  { file: 'B-1', codes: ['B-1'] },
  { file: 'B-2', codes: ['B-2'] },
  { file: 'C', codes: ['C'] },
  { file: 'D-1', codes: ['D-1'] },
  { file: 'D-2', codes: ['D-2'] },
];

/** The upload bundle of each target: one PDF per category code, the single items, 表A/表B, a checklist. */
export async function pack(path: string | undefined, options: PackOptions = {}): Promise<PackResult> {
  const cwd = options.cwd ?? process.cwd();
  const maxBytes = options.maxBytes ?? limits.documentMaxBytes;
  const found = await discover([path ?? '.'], cwd, options.outDir);
  const diagnostics = [...found.diagnostics];
  const group = found.groups[0];
  if (!group) return { bundles: [], diagnostics, usageError: found.usageError };
  const unusable = await prepareOutputs([group], cwd);
  if (unusable.length > 0) return { bundles: [], diagnostics: unusable, usageError: true };
  const { portfolio, outDir } = group;
  const allTargets = await loadTargets(portfolio.root, cwd);
  const targets = options.targets?.length ? await Promise.all(options.targets.map((t) => loadTarget(resolve(cwd, t), cwd))) : allTargets;
  const loaded = await loadPortfolioDocuments(portfolio.root, cwd, outDir);
  const index = targetIndex(loaded);
  const { theme, diagnostics: themeDiagnostics } = themeFor(portfolio);
  diagnostics.push(...themeDiagnostics);
  const built = new Map<string, Built>();
  for (const p of options.built?.portfolios ?? []) {
    if (p.root !== portfolio.root) continue;
    for (const document of p.documents) built.set(resolve(p.root, document.source), { document, outDir: p.outDir });
  }
  const bundles: BundleResult[] = [];
  // Over every target of the portfolio, so a bundle's folder does not depend on which are packed.
  const folders = bundleFolders([...allTargets, ...targets.filter((t) => !allTargets.some((a) => a.path === t.path))]);
  for (const [i, target] of targets.entries()) {
    options.onProgress?.({ kind: 'target', done: i, total: targets.length, name: target.displayPath });
    const bundle = await packTarget(target, { built, portfolio, shared: [...portfolio.diagnostics, ...themeDiagnostics], loaded, index, allTargets, theme, outDir, maxBytes, cwd, folders, onProgress: options.onProgress });
    bundles.push(bundle);
    diagnostics.push(...bundle.diagnostics);
  }
  return { bundles, diagnostics: sortDiagnostics(diagnostics), usageError: found.usageError };
}

/** A document build already typeset, with the folder its paths are relative to. */
interface Built {
  document: DocumentResult;
  outDir: string;
}

/**
 * The PDF a build made for this document, when it is the one this bundle needs: a 自述 is
 * typeset with its target's name, so a build's copy serves only the target it names.
 */
async function builtPdf(prior: Built | undefined, document: PortfolioDocument, target: LoadedTarget): Promise<{ data: Buffer; pages: number } | undefined> {
  if (!prior?.document.pdf) return undefined;
  if (document.kind === 'statement' && targetName(document.target) !== target.name) return undefined;
  const data = await readFile(join(prior.outDir, prior.document.pdf.path)).catch(() => undefined);
  return data && sha256(data) === prior.document.pdf.sha256 ? { data, pages: prior.document.pdf.pages } : undefined;
}

interface PackContext {
  built: ReadonlyMap<string, Built>;
  portfolio: LoadedPortfolio;
  /** What portfolio.yaml and its theme say: reported once for the run, and every bundle depends on them. */
  shared: readonly Diagnostic[];
  loaded: ReadonlyMap<string, LoadedDocument>;
  index: ReadonlyMap<string, PortfolioDocument | undefined>;
  allTargets: readonly LoadedTarget[];
  theme: Theme;
  outDir: string;
  maxBytes: number;
  cwd: string;
  /** Bundle folder name by target path. */
  folders: ReadonlyMap<string, string>;
  onProgress: OnProgress | undefined;
}

/** A bundle licheng wrote ends with its manifest.json (`generator: 'licheng'`): only such a folder is replaced. */
const bundleMarker = 'manifest.json';

/**
 * Each target's bundle folder under DIR/targets/: the file name without .yaml, or the whole file
 * name when two targets share it (`x.yaml` and `x.yml`, letter case aside); a name that is empty or
 * starts with a dot (`...yaml` would be `..`, DIR itself) gets a leading `_`.
 */
function bundleFolders(targets: readonly LoadedTarget[]): Map<string, string> {
  const safe = (name: string) => (name === '' || name.startsWith('.') ? `_${name}` : name);
  const count = new Map<string, number>();
  for (const t of targets) count.set(t.name.toLowerCase(), (count.get(t.name.toLowerCase()) ?? 0) + 1);
  return new Map(targets.map((t) => [t.path, safe(count.get(t.name.toLowerCase())! > 1 ? basename(t.path) : t.name)]));
}

/**
 * A target's bundle is written whole into a temporary folder beside it, then renamed into place:
 * DIR/targets/<name> is a complete bundle of this run, or absent (a failed pack also clears the
 * previous run's, which would pose as this one's). A folder there that licheng did not write is left alone.
 */
async function packTarget(loadedTarget: LoadedTarget, context: PackContext): Promise<BundleResult> {
  const folder = context.folders.get(loadedTarget.path)!;
  const final = join(context.outDir, 'targets', folder);
  const work = join(context.outDir, 'targets', `.${folder}.tmp-${process.pid}`);
  const notOurs = () => diagnostic(loadedTarget.displayPath, undefined, 'error', 'out-not-ours', { path: shownPath(context.cwd, final) });
  if (!(await replaceable(final, bundleMarker))) return { target: loadedTarget.displayPath, dir: final, ok: false, files: [], diagnostics: [...loadedTarget.diagnostics, notOurs()] };
  const forget = removeOnInterrupt(work);
  try {
    await removeDeadFolders(join(context.outDir, 'targets'));
    await rm(work, { recursive: true, force: true });
    const result = { ...(await writeBundle(loadedTarget, context, work, final)), dir: final };
    try {
      if (result.ok) await commitFolder(work, final, bundleMarker);
      else await discardFolder(work, final, bundleMarker);
    } catch (error) {
      result.ok = false;
      result.diagnostics.push(error instanceof NotOursError ? notOurs() : diagnostic(loadedTarget.displayPath, undefined, 'error', 'write-failed', { path: final, reason: (error as NodeJS.ErrnoException).code ?? String(error) }));
    }
    return result;
  } finally {
    await rm(work, { recursive: true, force: true });
    forget();
  }
}

/** Writes the bundle of one target into `dir`; `final` is where it will be, for messages. */
async function writeBundle(loadedTarget: LoadedTarget, context: PackContext, dir: string, final: string): Promise<BundleResult> {
  const result: BundleResult = { target: loadedTarget.displayPath, dir, ok: false, files: [], diagnostics: [...loadedTarget.diagnostics] };
  const { target } = loadedTarget;
  if (!target) return result;
  const root = context.portfolio.root;
  const checked = checkTarget(loadedTarget, context.index, root);
  const unusable = await checkAttachments(loadedTarget, checked.items, context.portfolio.root);
  result.diagnostics.push(...checked.diagnostics, ...unnamedTarget(loadedTarget), ...unusable);
  const portfolio = context.portfolio.portfolio;
  const forms = await renderForms(loadedTarget, checked.items, portfolio, root);
  result.diagnostics.push(...forms.diagnostics);
  const date = new Date(Date.UTC(target.admissionYear + 1911, 0, 1));
  // Attachments are made into pages before anything is written: one that cannot be leaves no half bundle.
  const attachments = new Map<ChosenItem, Buffer>();
  const reported = (item: ChosenItem) => unusable.some((d) => d.line === item.place.line && d.column === item.place.column);
  for (const item of checked.items.filter((i) => i.code === 'D-3' && !reported(i))) {
    const made = await attachmentPdf(item, loadedTarget, context, date).catch((error: Error) => {
      result.diagnostics.push(diagnostic(loadedTarget.displayPath, item.place, 'error', 'image-undecodable', { path: item.written, reason: error.message.split('\n')[0] ?? '' }));
    });
    if (made) attachments.set(item, made);
  }
  const typeset = async (item: ChosenItem, maxBytes: number) => {
    const { source, document } = context.loaded.get(item.path)!;
    const targetLabel = document!.kind === 'statement' ? `${target.school} ${target.department}` : undefined;
    // As in build: a document that cannot be typeset is its own error, not the end of the run.
    return renderDocument({ source: source!, document: document!, portfolio, root, theme: context.theme, maxBytes, targetLabel }).catch((error: Error) => ({
      pdf: undefined,
      diagnostics: [diagnostic(source!.displayPath, undefined, 'error', 'render-failed', { reason: error.message.split('\n')[0] ?? String(error) })],
    }));
  };
  // Every chosen document is checked and typeset; its own problems count against the bundle.
  const rendered = new Map<ChosenItem, { data: Buffer; pages: number }>();
  for (const item of checked.items) {
    const loaded = context.loaded.get(item.path);
    if (!loaded?.source || !loaded.document) continue;
    const prior = context.built.get(item.path);
    // A build just made already checked the document and reported it.
    result.diagnostics.push(...(prior ? prior.document.diagnostics : [...loaded.diagnostics, ...(await checkDocument(loaded.source, loaded.document, portfolio, root, context.allTargets))]));
    const reused = await builtPdf(prior, loaded.document, loadedTarget);
    if (reused) {
      rendered.set(item, reused);
      continue;
    }
    const { pdf, diagnostics } = await typeset(item, context.maxBytes);
    result.diagnostics.push(...diagnostics);
    if (pdf) rendered.set(item, pdf);
  }
  // Any error in what the bundle is made of blocks it: its documents, its target, portfolio.yaml.
  if (hasErrors(result.diagnostics) || hasErrors(context.shared)) return result;

  const author = portfolio?.student ?? '';
  // Files are written side by side while the bundle goes on; all are awaited before the manifest.
  const pending: Promise<void>[] = [];
  let writeError: NodeJS.ErrnoException | undefined;
  // Caught at once: a write failing while the bundle is still being typeset must not go unhandled.
  const later = (writing: Promise<void>) => pending.push(writing.catch((error: NodeJS.ErrnoException) => void (writeError ??= error)));
  const write = (name: string, data: Buffer, pages: number) => {
    later(writeAtomic(join(dir, name), data));
    result.files.push({ name, bytes: data.length, pages, sha256: sha256(data) });
  };
  const checklistItems: ChecklistItem[] = [];
  const whose = { target: { ...loadedTarget, target }, portfolio, theme: context.theme, root, date };
  // The single items, named by code and order so they sort as they are uploaded.
  for (const item of checked.items) {
    const pdf = rendered.get(item);
    if (!pdf) continue;
    const n = checked.items.filter((i) => i.code === item.code).indexOf(item) + 1;
    const stem = `items/${item.code}-${n}-${basename(item.path).replace(/\.md$/i, '')}`;
    write(`${stem}.pdf`, pdf.data, pdf.pages);
    const files = [{ name: `${stem}.pdf`, bytes: pdf.data.length }];
    const loaded = context.loaded.get(item.path);
    const prior = context.built.get(item.path);
    if (prior?.document.media) {
      const name = `${stem}${extname(prior.document.media.path)}`;
      later(copyAtomically(join(prior.outDir, prior.document.media.path), join(dir, name)));
      result.files.push({ name, bytes: prior.document.media.bytes, pages: 0, sha256: prior.document.media.sha256 });
      files.push({ name, bytes: prior.document.media.bytes });
    } else if (loaded?.source && loaded.document) {
      const fitted = await fitDocumentMedia(loaded.source, loaded.document, root, join(dir, stem), context.onProgress);
      result.diagnostics.push(...fitted.diagnostics);
      if (fitted.media) {
        const name = relative(dir, fitted.media.path).split('\\').join('/');
        result.files.push({ name, bytes: fitted.media.bytes, pages: 0, sha256: fitted.media.sha256 });
        files.push({ name, bytes: fitted.media.bytes });
      }
    }
    checklistItems.push({ code: item.code, title: itemTitle(item), summary: item.document ? documentSummary(item.document) : undefined, files });
  }
  // One PDF per category code, each item from a new page with its bookmark.
  for (const { file, codes } of categoryFiles) {
    const chosen = checked.items.filter((i) => codes.includes(i.code) && rendered.has(i));
    if (chosen.length === 0) continue;
    if (chosen.length === 1) {
      // One item is its own category file: its outline already starts with its title.
      const only = rendered.get(chosen[0]!)!;
      write(`${file}.pdf`, only.data, only.pages);
      continue;
    }
    context.onProgress?.({ kind: 'merge', file: `${file}.pdf` });
    const items = chosen.map((i) => ({ title: itemTitle(i), pdf: rendered.get(i)!, typeset: (maxBytes: number) => typeset(i, maxBytes) }));
    const fitted = await fitCategory(file, categoryNames[file as 'B-1'], items, whose, context.maxBytes);
    if (!fitted.merged) {
      const drop = fitted.drop.map((item) => `${item.title}（${megabytes(item.pdf.data.length)}）`).join('、');
      result.diagnostics.push(diagnostic(loadedTarget.displayPath, undefined, 'error', 'bundle-over-cap', { file: `${file}.pdf`, bytes: fitted.bytes, max: context.maxBytes, items: drop }));
      continue;
    }
    result.diagnostics.push(...fitted.diagnostics);
    write(`${file}.pdf`, fitted.merged.data, fitted.merged.pages);
  }
  // D-3: 表A, 表B, then the target's attachments.
  const common = { path: loadedTarget.path, date, subject: `${target.school} ${target.department}`, kicker: 'D-3 其他' };
  const formDocuments = forms.forms.map((form): GeneratedDocument => ({ ...common, markdown: form.markdown, displayPath: form.displayPath, title: formTitles[form.name] }));
  const d3Whole = { title: 'D-3 其他', subject: `${target.school} ${target.department}`, date };
  const d3Parts: MergePart[] = [];
  let d3Merged: { data: Buffer; pages: number };
  if (attachments.size === 0) {
    // Just the forms: one typesetting, bookmarks and page numbers from pdfmake.
    const rendered = await renderGeneratedParts(formDocuments, d3Whole, portfolio, context.theme, root);
    result.diagnostics.push(...rendered.diagnostics);
    d3Merged = { data: rendered.data, pages: typesetPageCount(rendered.data) };
  } else {
    for (const form of formDocuments) {
      const rendered = await renderGenerated(form, portfolio, context.theme, root);
      result.diagnostics.push(...rendered.diagnostics);
      d3Parts.push({ title: form.title, data: rendered.data });
    }
    for (const [attachment, data] of attachments) d3Parts.push({ title: basename(attachment.path), data });
    const pages = await Promise.all(d3Parts.map((p) => pdfPageCount(p.data)));
    d3Merged = await mergePdfs(d3Parts, { ...d3Whole, author, stamps: await wholeFileStamps(context.theme, pages.reduce((a, b) => a + b, 0), date) });
  }
  if (d3Merged.data.length > context.maxBytes) {
    // 表A and 表B stay: the largest attachments leave until the rest fit.
    let over = d3Merged.data.length - context.maxBytes;
    const drop: string[] = [];
    for (const [attachment, data] of [...attachments].sort((a, b) => b[1].length - a[1].length)) {
      if (over <= 0) break;
      drop.push(`${basename(attachment.path)}（${megabytes(data.length)}）`);
      over -= data.length;
    }
    result.diagnostics.push(diagnostic(loadedTarget.displayPath, undefined, 'error', 'bundle-over-cap', { file: 'D-3.pdf', bytes: d3Merged.data.length, max: context.maxBytes, items: drop.join('、') }));
  } else {
    write('D-3.pdf', d3Merged.data, d3Merged.pages);
  }

  const limits = channelLimits(target.channel, target.admissionYear);
  const counts = (['B-1', 'B-2', 'C', 'D-1', 'D-2', 'D-3'] as const).map((code) => ({
    code,
    count: checked.items.filter((i) => i.code === code).length,
    cap: target.caps?.[code] ?? limits?.caps[code as 'B-1'],
    min: code === 'B-1' ? limits?.min?.['B-1'] : undefined,
  }));
  const warnings = sortDiagnostics(result.diagnostics.filter((d) => d.severity === 'warning'));
  const categoryList = result.files.filter((f) => !f.name.startsWith('items/'));
  const markdown = checklistMarkdown({ counts, items: checklistItems, categoryFiles: categoryList, warnings });
  later(writeAtomic(join(dir, 'checklist.md'), markdown));
  const checklist = await renderGenerated(
    { markdown, path: loadedTarget.path, displayPath: loadedTarget.displayPath, kicker: '上傳前檢查清單', title: `${target.school} ${target.department}`, rows: [['招生管道', [{ text: `${target.admissionYear} 學年度 ${target.channel}` }]]], subject: 'checklist', date },
    context.portfolio.portfolio,
    context.theme,
    root,
  );
  later(writeAtomic(join(dir, 'checklist.pdf'), checklist.data));
  // A full disk or a read-only folder ends the bundle with a diagnostic, never a stack trace.
  try {
    await Promise.all(pending);
    if (writeError) throw writeError;
    result.ok = !hasErrors(result.diagnostics);
    const manifest = {
      generator: 'licheng',
      target: { file: relative(root, loadedTarget.path).split('\\').join('/'), ...target },
      student: portfolio?.student ?? null,
      ok: result.ok,
      counts,
      files: result.files,
      items: checked.items.map((i) => ({ code: i.code, source: relative(root, i.path).split('\\').join('/'), title: itemTitle(i), summary: i.document ? (documentSummary(i.document) ?? null) : null })),
      warnings: warnings.length,
    };
    await writeAtomic(join(dir, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');
  } catch (error) {
    result.ok = false;
    result.diagnostics.push(diagnostic(loadedTarget.displayPath, undefined, 'error', 'write-failed', { path: final, reason: (error as NodeJS.ErrnoException).code ?? String(error) }));
  }
  return result;
}

const megabytes = (bytes: number) => `${(bytes / 1e6).toFixed(2)} MB`;

const formTitles = { formA: '表A 自我推薦摘要表', formB: '表B 課程學習成果工作內容與貢獻度表' } as const;

/** A D-3 attachment as PDF pages with the running header and page numbers: a PDF's pages framed, an image on a page of its own. */
async function attachmentPdf(item: ChosenItem, target: LoadedTarget, context: PackContext, date: Date): Promise<Buffer> {
  const name = basename(item.path);
  if (/\.pdf$/i.test(item.path)) {
    const student = context.portfolio.portfolio?.student ?? '';
    const meta = { title: name, author: student, subject: name, headerLeft: [student, context.portfolio.portfolio?.school].filter(Boolean).join('・'), headerRight: name, date };
    return framedPdf(await readFile(item.path), (pages) => documentDefinition(context.theme, { ...meta, appendedPages: pages }, []));
  }
  const markdown = `![${name}](${relative(resolve(target.path, '..'), item.path).split('\\').join('/')})\n`;
  const { data } = await renderGenerated({ markdown, path: target.path, displayPath: target.displayPath, kicker: 'D-3 其他', title: name, subject: name, date }, context.portfolio.portfolio, context.theme, context.portfolio.root);
  return data;
}
