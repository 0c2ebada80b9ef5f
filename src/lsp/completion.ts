import { dirname, relative, sep } from 'node:path';
import { CompletionItemKind, MarkupKind, type CompletionItem, type Position, type Range } from 'vscode-languageserver';
import { channels } from '../limits.js';
import { valueHint, type Lang } from '../messages.js';
import { loadPortfolioDocuments } from '../discover.js';
import { loadTargets } from '../model/load-target.js';
import { loadPortfolio } from '../model/load.js';
import type { KeyTable } from '../model/fields.js';
import { themeNames } from '../model/portfolio.js';
import { categoryNames, courseSectionAliases, documentKinds, performanceCodes, ruleSettingAliases, statementSectionAliases } from '../model/vocabulary.js';
import { withOverlay } from '../read/overlay.js';
import { keyMeanings } from './key-meanings.js';
import type { OpenFile } from './open-file.js';
import { portfolioFiles, type FileSort } from './portfolio-files.js';
import { canonicalPath, frontMatterLines, parentKeys } from './yaml-lines.js';
import type { Workspace } from './workspace.js';

/** Completion at a place: front-matter keys and values, item and media paths, section headings. */
export async function complete(workspace: Workspace, file: OpenFile, position: Position, lang: Lang): Promise<CompletionItem[]> {
  const lines = file.text.split('\n');
  const before = (lines[position.line] ?? '').slice(0, position.character);
  const yamlLines = file.role === 'document' ? frontMatterLines(lines) : { first: 0, last: lines.length - 1 };
  const inYaml = yamlLines !== undefined && position.line >= yamlLines.first && position.line <= yamlLines.last;
  const range = (from: number): Range => ({ start: { line: position.line, character: from }, end: position });
  if (!inYaml) return file.role === 'document' ? bodyCompletion(file, before, range) : [];
  if (!file.table) return [];
  const parents = parentKeys(lines, position.line, yamlLines.first);
  const { path, table } = canonicalPath(file.table, parents);
  const value = /^(\s*(?:-\s+)?)([^:：\s][^:：]*?)\s*[:：]\s*(.*)$/.exec(before);
  if (value) {
    const key = table?.keys.get(value[2]!) ?? value[2]!;
    return valueItems(workspace, file, [...path, key], lang, range(before.length - value[3]!.length));
  }
  const item = /^(\s*-\s+)(.*)$/.exec(before);
  if (item && (path.at(-1) === 'evidence' || path.at(-2) === 'items')) return valueItems(workspace, file, path, lang, range(item[1]!.length));
  const key = /^(\s*(?:-\s+)?)([^:：]*)$/.exec(before);
  if (!key || !table) return [];
  return keyItems(table, path, lang, range(key[1]!.length));
}

/** Keys of a table: the Chinese names first (as the templates write them), then the English ones. */
function keyItems(table: KeyTable, path: readonly string[], lang: Lang, range: Range): CompletionItem[] {
  const items: CompletionItem[] = [];
  for (const [written, canonical] of table.keys) {
    if (written === '*') continue;
    const shape = path.length ? `${path.at(-1)}.${canonical}` : canonical;
    const meaning = keyMeanings[shape] ?? keyMeanings[canonical];
    const hint = valueHint(path.at(-1) === 'items' ? (canonical === 'D-1' || canonical === 'D-2' ? 'items.one' : 'items.*') : canonical, lang);
    const han = /\p{Script=Han}/u.test(written);
    items.push({
      label: written,
      kind: CompletionItemKind.Property,
      detail:
        written === canonical
          ? [...table.keys]
              .filter(([w, c]) => c === canonical && w !== c)
              .map(([w]) => w)
              .join('、') || canonical
          : canonical,
      documentation: { kind: MarkupKind.Markdown, value: [meaning?.[lang], hint && `${lang === 'zh' ? '值' : 'value'}: ${hint}`].filter(Boolean).join('\n\n') },
      sortText: `${han ? 0 : 1}${written}`,
      textEdit: { range, newText: `${written}: ` },
    });
  }
  if (path.at(-1) === 'team')
    items.push({
      label: '本人: true',
      kind: CompletionItemKind.Snippet,
      detail: 'self: true',
      documentation: keyMeanings['team.self']![lang],
      sortText: '0本人',
      textEdit: { range, newText: '本人: true' },
    });
  return items;
}

const plain = (labels: readonly string[], detail?: (label: string) => string | undefined): CompletionItem[] =>
  labels.map((label) => ({ label, kind: CompletionItemKind.Value, detail: detail?.(label) }));

/** Values a key takes: codes and names, channels, terms, the student, paths of the right sort. */
async function valueItems(workspace: Workspace, file: OpenFile, path: readonly string[], lang: Lang, range: Range): Promise<CompletionItem[]> {
  const key = path.at(-1);
  const parent = path.at(-2);
  const edit = (items: CompletionItem[]) => items.map((item) => ({ ...item, textEdit: { range, newText: item.insertText ?? item.label } }));
  if (key === 'category' && file.kind === 'course')
    return edit([...plain(['B-1', 'B-2'], (c) => categoryNames[c as 'B-1']), ...plain([categoryNames['B-1'], categoryNames['B-2']])]);
  if (key === 'category' && file.kind === 'performance')
    return edit([...plain(performanceCodes, (c) => categoryNames[c as 'C-1']), ...plain(performanceCodes.map((c) => categoryNames[c]))]);
  if (key === 'kind') return edit(plain(Object.entries(documentKinds).flatMap(([kind, info]) => [info.aliases[0], kind])));
  if (key === 'term') return edit(plain(['1', '2'], (t) => (lang === 'zh' ? (t === '1' ? '上學期' : '下學期') : t === '1' ? 'autumn term' : 'spring term')));
  if (key === 'channel') return edit(plain(channels));
  if (key === 'self') return edit(plain(['true', 'false']));
  if (key === 'theme') return edit(plain(themeNames));
  if (parent === 'rules') return edit(plain(Object.values(ruleSettingAliases).flat()));
  if (key === 'name' && parent === 'team') {
    const student = await studentName(workspace, file);
    return student ? edit([{ label: student, kind: CompletionItemKind.Value, detail: lang === 'zh' ? '本人' : 'you (本人)' }]) : [];
  }
  if (key === 'target' && file.kind === 'statement') {
    const targets = await withOverlay(workspace.overlay(), () => loadTargets(file.root, file.root));
    return edit(
      targets.map((t) => ({ label: t.name, kind: CompletionItemKind.File, detail: t.target ? `${t.target.school} ${t.target.department}` : undefined })),
    );
  }
  if (key === 'media') return edit(await pathItems(file, ['media']));
  if (key === 'evidence' || key === 'file') return edit(await pathItems(file, ['image', 'pdf']));
  if (parent === 'items' && key) return edit(await itemPaths(workspace, file, key));
  return [];
}

/** Files of some sorts, written relative to the open file (as licheng resolves them). */
async function pathItems(file: OpenFile, sorts: readonly FileSort[]): Promise<CompletionItem[]> {
  const files = (await portfolioFiles(file.root)).filter((f) => sorts.includes(f.sort));
  return files.map(({ path }) => ({ label: relativePath(file.path, path), kind: CompletionItemKind.File }));
}

const relativePath = (from: string, to: string) => relative(dirname(from), to).split(sep).join('/');

/** The documents a target's slot takes: B-1/B-2 courses of that category, C 多元表現, D-1 the summary, D-2 statements, D-3 PDFs. */
async function itemPaths(workspace: Workspace, file: OpenFile, code: string): Promise<CompletionItem[]> {
  if (code === 'D-3') return pathItems(file, ['pdf']);
  const documents = await withOverlay(workspace.overlay(), () => loadPortfolioDocuments(file.root, file.root, undefined));
  const fits = [...documents].filter(([, loaded]) => {
    const document = loaded.document;
    if (code === 'B-1' || code === 'B-2') return loaded.kind === 'course' && (!document || (document.kind === 'course' && document.category === code));
    if (code === 'C') return loaded.kind === 'performance';
    return loaded.kind === (code === 'D-1' ? 'summary' : 'statement');
  });
  return fits.map(([path, loaded]) => ({
    label: relativePath(file.path, path),
    kind: CompletionItemKind.File,
    detail: loaded.document && 'title' in loaded.document ? loaded.document.title : undefined,
  }));
}

async function studentName(workspace: Workspace, file: OpenFile): Promise<string | undefined> {
  return (await withOverlay(workspace.overlay(), () => loadPortfolio(file.root, file.root))).portfolio?.student;
}

/** In the body: section headings by alias for the document's kind, and image paths inside `![…](`. */
async function bodyCompletion(file: OpenFile, before: string, range: (from: number) => Range): Promise<CompletionItem[]> {
  if (/^#{1,6}\s*[^#]*$/.test(before)) {
    const aliases: Record<string, readonly string[]> =
      file.kind === 'statement' ? statementSectionAliases : file.kind === 'course' || file.kind === 'performance' ? courseSectionAliases : {};
    return Object.values(aliases).flatMap((names, group) =>
      names.map((name, i) => ({
        label: `## ${name}`,
        kind: CompletionItemKind.Keyword,
        sortText: `${group}${i}`,
        filterText: `## ${name}`,
        textEdit: { range: range(0), newText: `## ${name}` },
      })),
    );
  }
  const image = /!\[[^\]]*\]\(<?([^)\s>]*)$/.exec(before);
  if (image)
    return (await pathItems(file, ['image'])).map((item) => ({ ...item, textEdit: { range: range(before.length - image[1]!.length), newText: item.label } }));
  return [];
}
