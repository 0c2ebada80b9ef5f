import { dirname, join, relative, resolve } from 'node:path';
import { access } from 'node:fs/promises';
import { diagnostic, type Diagnostic } from '../diagnostics.js';
import { parseMarkdown, readText, readYamlFile, type FrontMatter, type MarkdownSource } from '../read/read-source.js';
import { canonicalData, chineseName, positionOfPath, zodDiagnostics, type KeyTable } from './fields.js';
import { loadPackSections } from './pack-sections.js';
import { inputLimits } from '../limits.js';
import { textLimitProblems, treeLimitProblems } from '../read/input-limits.js';
import { kindModels, type KindModel, type PortfolioDocument } from './document.js';
import { readableKeys } from './readable-keys.js';
import { portfolioKeyTable, portfolioSchema, type Portfolio } from './portfolio.js';
import { aliasIndex, documentKinds, type DocumentKind } from './vocabulary.js';
import { isMessageId, messageIds } from '../messages.js';
import { nearest } from '../nearest.js';

export interface LoadedPortfolio {
  /** Folder holding portfolio.yaml: every path in the portfolio must stay inside it. */
  root: string;
  portfolio: Portfolio | undefined;
  /** portfolio.yaml as read, for positions of its keys. */
  yaml?: FrontMatter;
  displayPath?: string;
  diagnostics: Diagnostic[];
}

const exists = (path: string) =>
  access(path).then(
    () => true,
    () => false,
  );

/** Finds portfolio.yaml in `start` or its parents; without one, `start` is the root. */
export async function loadPortfolio(start: string, cwd: string): Promise<LoadedPortfolio> {
  let dir = resolve(start);
  for (;;) {
    const file = join(dir, 'portfolio.yaml');
    if (await exists(file)) {
      const display = relative(cwd, file) || file;
      const { source, diagnostics } = await readYamlFile(file, display, dir);
      if (!source) return { root: dir, portfolio: undefined, diagnostics };
      if (diagnostics.some((d) => d.severity === 'error')) return { root: dir, portfolio: undefined, yaml: source, displayPath: display, diagnostics };
      const { data, diagnostics: keyDiagnostics } = canonicalData(source, portfolioKeyTable, display);
      // One by one: a file may bring more diagnostics than a call takes arguments (an unknown key on each of 100,000 lines).
      for (const d of keyDiagnostics) diagnostics.push(d);
      const tooLong = fieldLimitProblems(data, source, portfolioKeyTable, display);
      if (tooLong.length > 0) return { root: dir, portfolio: undefined, yaml: source, displayPath: display, diagnostics: [...diagnostics, ...tooLong] };
      const parsed = portfolioSchema.safeParse(data);
      if (!parsed.success) diagnostics.push(...zodDiagnostics(parsed.error, data, source, portfolioKeyTable, display));
      diagnostics.push(...unknownRules(data.rules, source, display));
      return { root: dir, portfolio: parsed.success ? parsed.data : undefined, yaml: source, displayPath: display, diagnostics };
    }
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  const root = resolve(start);
  return {
    root,
    portfolio: undefined,
    diagnostics: [diagnostic(relative(cwd, root) || '.', undefined, 'warning', 'portfolio-missing', { dir: relative(cwd, root) || '.' })],
  };
}

/** A 規則 entry naming no rule is a warning at its key, with the rule id it most likely meant. */
function unknownRules(rules: unknown, yaml: FrontMatter, display: string): Diagnostic[] {
  return Object.keys(rules && typeof rules === 'object' ? rules : {})
    .filter((id) => !isMessageId(id))
    .map((id) => {
      const near = nearest(id, messageIds());
      return diagnostic(display, positionOfPath(yaml, portfolioKeyTable, ['rules', id]), 'warning', 'key-unknown', { key: id, ...(near && { near }) });
    });
}

const kindIndex = aliasIndex(
  Object.fromEntries(Object.entries(documentKinds).map(([k, v]) => [k, v.aliases])) as unknown as Record<DocumentKind, readonly string[]>,
);

/** A document's kind: its `kind:` key, else its folder (courses/, performances/, statements/, summary.md). */
export function documentKind(source: MarkdownSource, root: string): { kind: DocumentKind | undefined; declared: string | undefined } {
  const declared = source.frontMatter?.document.get('kind') ?? source.frontMatter?.document.get('種類');
  if (typeof declared === 'string') return { kind: kindIndex.get(declared.trim()), declared };
  const rel = relative(root, source.path).split(/[\\/]/);
  if (rel.length === 1 && rel[0] === 'summary.md') return { kind: 'summary', declared: undefined };
  for (const [kind, info] of Object.entries(documentKinds))
    if (info.folder && rel.slice(0, -1).includes(info.folder)) return { kind: kind as DocumentKind, declared: undefined };
  return { kind: undefined, declared: undefined };
}

export interface LoadedDocument {
  source?: MarkdownSource;
  kind?: DocumentKind;
  document?: PortfolioDocument;
  /**
   * When the front matter could not be read whole: the body with the keys that could. The body's
   * rules check it (a YAML slip hides no missing section); it is never typeset, packed or counted.
   */
  partial?: PortfolioDocument;
  diagnostics: Diagnostic[];
}

/**
 * Parsed documents by path and exact text: `pack` right after `build` (as `batch` does) reads the
 * same files again, and parsing is most of reading. Bounded; documents are never mutated after load.
 */
const parsed = new Map<string, LoadedDocument>();
const parsedLimit = 32;

export async function loadDocument(path: string, root: string, cwd: string): Promise<LoadedDocument> {
  const display = relative(cwd, path) || path;
  const read = await readText(path, display);
  if (read.text === undefined) return { diagnostics: read.diagnostics };
  const key = `${path}\0${display}\0${root}\0${read.text}`;
  const known = parsed.get(key);
  if (known) return { ...known, diagnostics: [...known.diagnostics] };
  const loaded = await parseDocument(read.text, path, root, display);
  if (parsed.size >= parsedLimit) parsed.delete(parsed.keys().next().value!);
  parsed.set(key, { ...loaded, diagnostics: [...loaded.diagnostics] });
  return loaded;
}

async function parseDocument(text: string, path: string, root: string, display: string): Promise<LoadedDocument> {
  // Beyond the input limits a document is not parsed, or not laid out: the diagnostic is all it gets.
  const overLimits = textLimitProblems(text, display);
  if (overLimits.length > 0) return { diagnostics: overLimits };
  const { source, diagnostics } = parseMarkdown(text, path, display);
  const tooDeep = treeLimitProblems(source.tree, display);
  if (tooDeep.length > 0) return { source, diagnostics: [...diagnostics, ...tooDeep] };
  const { kind, declared } = documentKind(source, root);
  if (declared !== undefined && !kind) {
    const place = source.frontMatter ? positionOfPath(source.frontMatter, kindModels.course.keyTable, ['kind']) : undefined;
    const allowed = Object.keys(documentKinds).join(', ');
    const allowedZh = Object.values(documentKinds)
      .map((k) => k.aliases[0])
      .join('、');
    diagnostics.push(diagnostic(display, place, 'error', 'kind-unknown', { value: declared, allowed, allowedZh }));
    return { source, diagnostics };
  }
  if (!kind) return { source, diagnostics };
  const model = kindModels[kind];
  if (!source.frontMatter && model.needsFrontMatter) {
    if (!diagnostics.some((d) => d.ruleId === 'front-matter-unclosed'))
      diagnostics.push(diagnostic(display, { line: 1, column: 1 }, 'error', 'front-matter-missing'));
    return { source, kind, diagnostics };
  }
  // A YAML slip: the keys the parser still read, with none of their findings (what follows a slip is often misread).
  if (diagnostics.some((d) => d.severity === 'error')) {
    const read = source.frontMatter && canonicalData(source.frontMatter, model.keyTable, display).data;
    return { source, kind, diagnostics, partial: read && (await partialDocument(model, read, source, root)) };
  }
  const { data, diagnostics: keyDiagnostics } = source.frontMatter ? canonicalData(source.frontMatter, model.keyTable, display) : { data: {}, diagnostics: [] };
  for (const d of keyDiagnostics) diagnostics.push(d);
  if (keyDiagnostics.some((d) => d.ruleId === 'yaml-not-mapping'))
    return { source, kind, diagnostics, partial: await partialDocument(model, {}, source, root) };
  const tooLong = source.frontMatter ? fieldLimitProblems(data, source.frontMatter, model.keyTable, display) : [];
  if (tooLong.length > 0) return { source, kind, diagnostics: [...diagnostics, ...tooLong], partial: await partialDocument(model, data, source, root) };
  const parsed = model.schema.safeParse(data);
  if (!parsed.success) {
    diagnostics.push(...zodDiagnostics(parsed.error, data, source.frontMatter, model.keyTable, display));
    return { source, kind, diagnostics, partial: await partialDocument(model, data, source, root) };
  }
  const { template } = parsed.data as { template?: string };
  const pack = template ? await loadPackSections(root, template.trim()) : undefined;
  if (template && !pack)
    diagnostics.push(
      diagnostic(display, positionOfPath(source.frontMatter!, model.keyTable, ['template']), 'warning', 'template-pack-missing', { name: template }),
    );
  return { source, kind, document: model.make(parsed.data as never, source.tree, pack), diagnostics };
}

/** A document of the body and the keys of `data` valid on their own (its pack's sections, when 模板 is one of them). */
async function partialDocument(model: KindModel, data: Record<string, unknown>, source: MarkdownSource, root: string): Promise<PortfolioDocument> {
  const readable = readableKeys(model.schema, data);
  const template = typeof readable.template === 'string' ? readable.template.trim() : undefined;
  const pack = template ? await loadPackSections(root, template) : undefined;
  return model.make(readable as never, source.tree, pack);
}

/** 簡述 and 工作內容 have their own, smaller limits, reported by their rules. */
const keysWithOwnLimit = new Set(['summary', 'work']);

function fieldLimitProblems(data: Record<string, unknown>, yaml: FrontMatter, table: KeyTable, display: string): Diagnostic[] {
  return longFields(data).map(({ path, count }) =>
    diagnostic(display, positionOfPath(yaml, table, path), 'error', 'field-too-long', { key: chineseName(table, path), count, max: inputLimits.fieldMaxChars }),
  );
}

/** Front-matter text longer than any title or name, with its key path: the layout is never given it. */
function longFields(value: unknown, path: PropertyKey[] = []): { path: PropertyKey[]; count: number }[] {
  if (typeof value === 'string') {
    const count = [...value].length;
    return count > inputLimits.fieldMaxChars && !keysWithOwnLimit.has(String(path.at(-1))) ? [{ path, count }] : [];
  }
  if (Array.isArray(value)) return value.flatMap((item, i) => longFields(item, [...path, i]));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([key, item]) => longFields(item, [...path, key]));
  return [];
}
