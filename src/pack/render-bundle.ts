import { readFile } from 'node:fs/promises';
import { basename, extname, join, relative, resolve } from 'node:path';
import type { DocumentResult } from '../build.js';
import { diagnostic, hasErrors, sortDiagnostics, type Diagnostic } from '../diagnostics.js';
import { checkDocument } from '../check/check-document.js';
import { checkAttachments, checkTarget, unnamedTarget, type ChosenItem } from '../check/target-rules.js';
import { framedPdf, pdfPageCount } from '../emit/append-pdf.js';
import { fitDocumentMedia } from '../emit/fit-document-media.js';
import { renderDocument, sha256, typesetPageCount } from '../emit/render-document.js';
import { renderGenerated, renderGeneratedParts, type GeneratedDocument } from '../emit/render-generated.js';
import { documentDefinition } from '../layout/document.js';
import type { Theme } from '../layout/theme.js';
import { documentSummary, type PortfolioDocument } from '../model/document.js';
import type { LoadedDocument, LoadedPortfolio } from '../model/load.js';
import { targetName, type LoadedTarget } from '../model/load-target.js';
import type { Target } from '../model/target.js';
import type { OnProgress } from '../progress.js';
import type { BundleWriter } from './bundle-writer.js';
import { checklistMarkdown, type ChecklistItem } from './checklist.js';
import { wholeFileStamps } from './contents.js';
import { fitCategory } from './fit-category.js';
import { itemTitle, renderForms } from './forms.js';
import { mergePdfs, type MergePart } from './merge-pdfs.js';
import { planBundle, type BundlePlan } from './plan.js';

/** A document build already typeset, with the folder its paths are relative to. */
export interface Built {
  document: DocumentResult;
  outDir: string;
}

export interface PackContext {
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

/** What one target's bundle came to: its files (as the manifest lists them) and what was found. */
export interface BundleOutcome {
  ok: boolean;
  diagnostics: Diagnostic[];
}

type Pdf = { data: Buffer; pages: number };

/** One target's bundle: checked, typeset and merged as planned, written through `writer` into its temporary folder. */
export async function renderBundle(loadedTarget: LoadedTarget, context: PackContext, writer: BundleWriter, final: string): Promise<BundleOutcome> {
  const result: BundleOutcome = { ok: false, diagnostics: [...loadedTarget.diagnostics] };
  const { target } = loadedTarget;
  if (!target) return result;
  const root = context.portfolio.root;
  const portfolio = context.portfolio.portfolio;
  const checked = checkTarget(loadedTarget, context.index, root);
  const unusable = await checkAttachments(loadedTarget, checked.items, root);
  result.diagnostics.push(...checked.diagnostics, ...unnamedTarget(loadedTarget), ...unusable);
  const forms = await renderForms(loadedTarget, checked.items, portfolio, root);
  result.diagnostics.push(...forms.diagnostics);
  const plan = planBundle(target, checked.items, unusable);
  // Attachments are made into pages before anything is written: one that cannot be leaves no half bundle.
  const attachments = new Map<ChosenItem, Buffer>();
  for (const item of plan.attachments) {
    const made = await attachmentPdf(item, loadedTarget, context, plan.date).catch((error: Error) => {
      result.diagnostics.push(
        diagnostic(loadedTarget.displayPath, item.place, 'error', 'image-undecodable', { path: item.written, reason: error.message.split('\n')[0] ?? '' }),
      );
    });
    if (made) attachments.set(item, made);
  }
  const typeset = (item: ChosenItem, maxBytes: number) => typesetItem(item, target, context, maxBytes);
  const rendered = await typesetItems(checked.items, loadedTarget, context, result.diagnostics);
  // Any error in what the bundle is made of blocks it: its documents, its target, portfolio.yaml.
  if (hasErrors(result.diagnostics) || hasErrors(context.shared)) return result;

  const whose = { target: { ...loadedTarget, target }, portfolio, theme: context.theme, root, date: plan.date };
  const checklistItems = await writeSingles(plan, rendered, context, writer, result.diagnostics);
  for (const category of plan.categories) {
    const chosen = category.items.filter((i) => rendered.has(i));
    if (chosen.length === 0) continue;
    if (chosen.length === 1) {
      // One item is its own category file: its outline already starts with its title.
      const only = rendered.get(chosen[0]!)!;
      writer.write(`${category.file}.pdf`, only.data, only.pages);
      continue;
    }
    context.onProgress?.({ kind: 'merge', file: `${category.file}.pdf` });
    const items = chosen.map((i) => ({ title: itemTitle(i), pdf: rendered.get(i)!, typeset: (maxBytes: number) => typeset(i, maxBytes) }));
    const fitted = await fitCategory(category.file, category.name, items, whose, context.maxBytes);
    if (!fitted.merged) {
      const drop = fitted.drop.map((item) => `${item.title}（${megabytes(item.pdf.data.length)}）`).join('、');
      result.diagnostics.push(
        diagnostic(loadedTarget.displayPath, undefined, 'error', 'bundle-over-cap', {
          file: `${category.file}.pdf`,
          bytes: fitted.bytes,
          max: context.maxBytes,
          items: drop,
        }),
      );
      continue;
    }
    result.diagnostics.push(...fitted.diagnostics);
    writer.write(`${category.file}.pdf`, fitted.merged.data, fitted.merged.pages);
  }
  await writeD3(plan, forms.forms, attachments, loadedTarget, context, writer, result.diagnostics);
  await writeChecklist(plan, checklistItems, loadedTarget, context, writer, result.diagnostics);
  // A full disk or a read-only folder ends the bundle with a diagnostic, never a stack trace.
  try {
    await writer.finish(() => {
      result.ok = !hasErrors(result.diagnostics);
      return {
        generator: 'licheng',
        target: { file: relative(root, loadedTarget.path).split('\\').join('/'), ...target },
        student: portfolio?.student ?? null,
        ok: result.ok,
        counts: plan.counts,
        files: writer.files,
        items: checked.items.map((i) => ({
          code: i.code,
          source: relative(root, i.path).split('\\').join('/'),
          title: itemTitle(i),
          summary: i.document ? (documentSummary(i.document) ?? null) : null,
        })),
        warnings: result.diagnostics.filter((d) => d.severity === 'warning').length,
      };
    });
  } catch (error) {
    result.ok = false;
    result.diagnostics.push(
      diagnostic(loadedTarget.displayPath, undefined, 'error', 'write-failed', { path: final, reason: (error as NodeJS.ErrnoException).code ?? String(error) }),
    );
  }
  return result;
}

/** A chosen document typeset for this target: a 自述 with its target's name. As in build, one that cannot be typeset is its own error. */
function typesetItem(item: ChosenItem, target: Target, context: PackContext, maxBytes: number): Promise<{ pdf?: Pdf; diagnostics: Diagnostic[] }> {
  const { source, document } = context.loaded.get(item.path)!;
  const targetLabel = document!.kind === 'statement' ? `${target.school} ${target.department}` : undefined;
  const { portfolio, root } = context.portfolio;
  return renderDocument({ source: source!, document: document!, portfolio, root, theme: context.theme, maxBytes, targetLabel }).catch((error: Error) => ({
    pdf: undefined,
    diagnostics: [diagnostic(source!.displayPath, undefined, 'error', 'render-failed', { reason: error.message.split('\n')[0] ?? String(error) })],
  }));
}

/** Every chosen document checked and typeset (or its build's PDF reused); its own problems count against the bundle. */
async function typesetItems(
  items: readonly ChosenItem[],
  loadedTarget: LoadedTarget,
  context: PackContext,
  diagnostics: Diagnostic[],
): Promise<Map<ChosenItem, Pdf>> {
  const rendered = new Map<ChosenItem, Pdf>();
  const { portfolio, root } = context.portfolio;
  for (const item of items) {
    const loaded = context.loaded.get(item.path);
    if (!loaded?.source || !loaded.document) continue;
    const prior = context.built.get(item.path);
    // A build just made already checked the document and reported it.
    diagnostics.push(
      ...(prior
        ? prior.document.diagnostics
        : [...loaded.diagnostics, ...(await checkDocument(loaded.source, loaded.document, portfolio, root, context.allTargets))]),
    );
    const reused = await builtPdf(prior, loaded.document, loadedTarget);
    if (reused) {
      rendered.set(item, reused);
      continue;
    }
    const { pdf, diagnostics: found } = await typesetItem(item, loadedTarget.target!, context, context.maxBytes);
    diagnostics.push(...found);
    if (pdf) rendered.set(item, pdf);
  }
  return rendered;
}

/**
 * The PDF a build made for this document, when it is the one this bundle needs: a 自述 is
 * typeset with its target's name, so a build's copy serves only the target it names.
 */
async function builtPdf(prior: Built | undefined, document: PortfolioDocument, target: LoadedTarget): Promise<Pdf | undefined> {
  if (!prior?.document.pdf) return undefined;
  if (document.kind === 'statement' && targetName(document.target) !== target.name) return undefined;
  const data = await readFile(join(prior.outDir, prior.document.pdf.path)).catch(() => undefined);
  return data && sha256(data) === prior.document.pdf.sha256 ? { data, pages: prior.document.pdf.pages } : undefined;
}

/** The single items, each with its 影音檔 (the build's, or fitted now); what the checklist lists of them. */
async function writeSingles(
  plan: BundlePlan,
  rendered: ReadonlyMap<ChosenItem, Pdf>,
  context: PackContext,
  writer: BundleWriter,
  diagnostics: Diagnostic[],
): Promise<ChecklistItem[]> {
  const checklistItems: ChecklistItem[] = [];
  for (const { item, stem } of plan.singles) {
    const pdf = rendered.get(item);
    if (!pdf) continue;
    writer.write(`${stem}.pdf`, pdf.data, pdf.pages);
    const files = [{ name: `${stem}.pdf`, bytes: pdf.data.length }];
    const loaded = context.loaded.get(item.path);
    const media = context.built.get(item.path)?.document.media;
    if (media) {
      const name = `${stem}${extname(media.path)}`;
      writer.copy(name, join(context.built.get(item.path)!.outDir, media.path), { bytes: media.bytes, pages: 0, sha256: media.sha256 });
      files.push({ name, bytes: media.bytes });
    } else if (loaded?.source && loaded.document) {
      const fitted = await fitDocumentMedia(loaded.source, loaded.document, context.portfolio.root, join(writer.dir, stem), context.onProgress);
      diagnostics.push(...fitted.diagnostics);
      if (fitted.media) {
        const name = relative(writer.dir, fitted.media.path).split('\\').join('/');
        writer.list({ name, bytes: fitted.media.bytes, pages: 0, sha256: fitted.media.sha256 });
        files.push({ name, bytes: fitted.media.bytes });
      }
    }
    checklistItems.push({ code: item.code, title: itemTitle(item), summary: item.document ? documentSummary(item.document) : undefined, files });
  }
  return checklistItems;
}

const formTitles = { formA: '表A 自我推薦摘要表', formB: '表B 課程學習成果工作內容與貢獻度表' } as const;

/** D-3: 表A, 表B, then the target's attachments; over the cap, the largest attachments are named to leave. */
async function writeD3(
  plan: BundlePlan,
  forms: readonly { name: keyof typeof formTitles; markdown: string; displayPath: string }[],
  attachments: ReadonlyMap<ChosenItem, Buffer>,
  loadedTarget: LoadedTarget,
  context: PackContext,
  writer: BundleWriter,
  diagnostics: Diagnostic[],
): Promise<void> {
  const { portfolio, root } = context.portfolio;
  const common = { path: loadedTarget.path, date: plan.date, subject: plan.subject, kicker: 'D-3 其他' };
  const formDocuments = forms.map(
    (form): GeneratedDocument => ({ ...common, markdown: form.markdown, displayPath: form.displayPath, title: formTitles[form.name] }),
  );
  const whole = { title: 'D-3 其他', subject: plan.subject, date: plan.date };
  let merged: Pdf;
  if (attachments.size === 0) {
    // Just the forms: one typesetting, bookmarks and page numbers from pdfmake.
    const rendered = await renderGeneratedParts(formDocuments, whole, portfolio, context.theme, root);
    diagnostics.push(...rendered.diagnostics);
    merged = { data: rendered.data, pages: typesetPageCount(rendered.data) };
  } else {
    const parts: MergePart[] = [];
    for (const form of formDocuments) {
      const rendered = await renderGenerated(form, portfolio, context.theme, root);
      diagnostics.push(...rendered.diagnostics);
      parts.push({ title: form.title, data: rendered.data });
    }
    for (const [attachment, data] of attachments) parts.push({ title: basename(attachment.path), data });
    const pages = await Promise.all(parts.map((p) => pdfPageCount(p.data)));
    merged = await mergePdfs(parts, {
      ...whole,
      author: portfolio?.student ?? '',
      stamps: await wholeFileStamps(
        context.theme,
        pages.reduce((a, b) => a + b, 0),
        plan.date,
      ),
    });
  }
  if (merged.data.length <= context.maxBytes) {
    writer.write('D-3.pdf', merged.data, merged.pages);
    return;
  }
  // 表A and 表B stay: the largest attachments leave until the rest fit.
  let over = merged.data.length - context.maxBytes;
  const drop: string[] = [];
  for (const [attachment, data] of [...attachments].sort((a, b) => b[1].length - a[1].length)) {
    if (over <= 0) break;
    drop.push(`${basename(attachment.path)}（${megabytes(data.length)}）`);
    over -= data.length;
  }
  diagnostics.push(
    diagnostic(loadedTarget.displayPath, undefined, 'error', 'bundle-over-cap', {
      file: 'D-3.pdf',
      bytes: merged.data.length,
      max: context.maxBytes,
      items: drop.join('、'),
    }),
  );
}

/** checklist.md and checklist.pdf: counts against caps, the upload files, the items, the warnings. */
async function writeChecklist(
  plan: BundlePlan,
  items: ChecklistItem[],
  loadedTarget: LoadedTarget,
  context: PackContext,
  writer: BundleWriter,
  diagnostics: readonly Diagnostic[],
): Promise<void> {
  const target = loadedTarget.target!;
  const warnings = sortDiagnostics(diagnostics.filter((d) => d.severity === 'warning'));
  const categoryFiles = writer.files.filter((f) => !f.name.startsWith('items/'));
  const markdown = checklistMarkdown({ counts: plan.counts, items, categoryFiles, warnings });
  writer.extra('checklist.md', markdown);
  const checklist = await renderGenerated(
    {
      markdown,
      path: loadedTarget.path,
      displayPath: loadedTarget.displayPath,
      kicker: '上傳前檢查清單',
      title: plan.subject,
      rows: [['招生管道', [{ text: `${target.admissionYear} 學年度 ${target.channel}` }]]],
      subject: 'checklist',
      date: plan.date,
    },
    context.portfolio.portfolio,
    context.theme,
    context.portfolio.root,
  );
  writer.extra('checklist.pdf', checklist.data);
}

const megabytes = (bytes: number) => `${(bytes / 1e6).toFixed(2)} MB`;

/** A D-3 attachment as PDF pages with the running header and page numbers: a PDF's pages framed, an image on a page of its own. */
async function attachmentPdf(item: ChosenItem, target: LoadedTarget, context: PackContext, date: Date): Promise<Buffer> {
  const name = basename(item.path);
  if (/\.pdf$/i.test(item.path)) {
    const student = context.portfolio.portfolio?.student ?? '';
    const meta = {
      title: name,
      author: student,
      subject: name,
      headerLeft: [student, context.portfolio.portfolio?.school].filter(Boolean).join('・'),
      headerRight: name,
      date,
    };
    return framedPdf(await readFile(item.path), (pages) => documentDefinition(context.theme, { ...meta, appendedPages: pages }, []));
  }
  const markdown = `![${name}](${relative(resolve(target.path, '..'), item.path).split('\\').join('/')})\n`;
  const { data } = await renderGenerated(
    { markdown, path: target.path, displayPath: target.displayPath, kicker: 'D-3 其他', title: name, subject: name, date },
    context.portfolio.portfolio,
    context.theme,
    context.portfolio.root,
  );
  return data;
}
