import { basename } from 'node:path';
import { toString } from 'mdast-util-to-string';
import type { Table } from 'mdast';
import { isMap, isScalar, isSeq, type Pair, type Node as YamlNode } from 'yaml';
import { CodeActionKind, type CodeAction, type Diagnostic as LspDiagnostic, type Range, type TextEdit } from 'vscode-languageserver';
import { formatBytes } from '../format.js';
import { limits } from '../limits.js';
import type { Lang } from '../messages.js';
import { courseKeys, courseSectionAliases, statementSectionAliases, teamMemberKeys } from '../model/vocabulary.js';
import { nameColumn, shareColumn } from '../check/rules/manual-team-table.js';
import { lspMessage } from './messages.js';
import type { OpenFile } from './open-file.js';
import { referencesOn } from './references.js';
import type { DiagnosticData } from './to-lsp.js';
import { frontMatterLines } from './yaml-lines.js';
import { templateHeadings } from '../scaffold/template-headings.js';
import { pathToUri } from './workspace.js';

/** Command names the server runs (`workspace/executeCommand`). */
export const commands = { pack: 'licheng.pack', build: 'licheng.build', compress: 'licheng.compress' } as const;

/** Quick fixes for the diagnostics in range that have an obvious fix, and compression of over-cap media on these lines. */
export async function codeActions(file: OpenFile, range: Range, diagnostics: readonly LspDiagnostic[], lang: Lang): Promise<CodeAction[]> {
  const actions: CodeAction[] = [];
  const lines = file.text.split('\n');
  const fix = (title: string, diagnostic: LspDiagnostic, edits: TextEdit[], preferred = true): CodeAction => ({
    title,
    kind: CodeActionKind.QuickFix,
    diagnostics: [diagnostic],
    isPreferred: preferred,
    edit: { changes: { [file.uri]: edits } },
  });
  for (const diagnostic of diagnostics) {
    const data = diagnostic.data as DiagnosticData | undefined;
    if (!data || diagnostic.source !== 'licheng') continue;
    const { ruleId, args } = data;
    const line = diagnostic.range.start.line;
    const text = lines[line] ?? '';
    if (ruleId === 'key-unknown' && args.near) {
      const start = text.indexOf(String(args.key));
      if (start >= 0)
        actions.push(
          fix(lspMessage('fix-rename-key', { near: String(args.near) }, lang), diagnostic, [
            { range: span(line, start, String(args.key).length), newText: String(args.near) },
          ]),
        );
    }
    if (ruleId === 'yaml-syntax' && args.cause === 'fullwidth-colon') {
      const colon = /：[ \u3000]*/.exec(text);
      if (colon) actions.push(fix(lspMessage('fix-colon', {}, lang), diagnostic, [{ range: span(line, colon.index, colon[0].length), newText: ': ' }]));
    }
    if (ruleId === 'yaml-syntax' && args.cause === 'fullwidth-space') {
      actions.push(fix(lspMessage('fix-space', {}, lang), diagnostic, [{ range: span(line, 0, text.length), newText: text.replace(/\u3000/g, ' ') }]));
    }
    if (ruleId === 'section-missing') {
      const { heading, edit } = await sectionInsert(file, String(args.section));
      actions.push(fix(lspMessage('fix-section', { section: heading }, lang), diagnostic, [edit]));
    }
    if (ruleId === 'team-self' && Number(args.count) === 0) actions.push(...selfFixes(file, lang).map((f) => fix(f.title, diagnostic, [f.edit], false)));
    if (ruleId === 'team-table-manual') {
      const edits = teamTableMove(file, line);
      if (edits) actions.push(fix(lspMessage('fix-team-table', {}, lang), diagnostic, edits));
    }
  }
  for (let line = range.start.line; line <= range.end.line; line++) actions.push(...compressActions(file, line, lang));
  return actions;
}

/**
 * A missing section (named by the rule with its first alias), as the heading the document's template
 * writes it with, before the first section that comes after it in the usual order (else at the end).
 */
async function sectionInsert(file: OpenFile, section: string): Promise<{ heading: string; edit: TextEdit }> {
  const aliases: Record<string, readonly string[]> = file.kind === 'statement' ? statementSectionAliases : courseSectionAliases;
  const order = Object.keys(aliases);
  const missing = order.findIndex((id) => aliases[id]![0] === section);
  // A document whose front matter could not be read whole still has its sections (and maybe its 範本).
  const document = file.document ?? file.partial;
  const headings = file.kind
    ? await templateHeadings(file.kind, file.root, document && 'template' in document ? document.template?.trim() : undefined)
    : undefined;
  const heading = (missing >= 0 && headings?.get(order[missing]!)) || section;
  const sections = document && 'sections' in document ? document.sections : [];
  const next = sections.find((s) => s.id && s.heading?.position && order.indexOf(s.id) > missing);
  if (missing >= 0 && next?.heading?.position) {
    const at = { line: next.heading.position.start.line - 1, character: 0 };
    return { heading, edit: { range: { start: at, end: at }, newText: `## ${heading}\n\n` } };
  }
  const lines = file.text.split('\n');
  const end = { line: lines.length - 1, character: lines.at(-1)!.length };
  const lead = file.text.endsWith('\n\n') ? '' : file.text.endsWith('\n') ? '\n' : '\n\n';
  return { heading, edit: { range: { start: end, end }, newText: `${lead}## ${heading}\n\n` } };
}

const span = (line: number, start: number, length: number): Range => ({ start: { line, character: start }, end: { line, character: start + length } });

/** The team's members as written: for each, the line of its first key and that key's indent. */
function teamMembers(file: OpenFile): { name: string; line: number; indent: number }[] {
  const team = file.yaml?.document.contents;
  if (!isMap(team)) return [];
  const pair = (team.items as Pair<YamlNode, YamlNode>[]).find((p) => isScalar(p.key) && [...courseKeys.team, 'team'].includes(String(p.key.value)));
  if (!pair || !isSeq(pair.value)) return [];
  return pair.value.items.flatMap((member) => {
    if (!isMap(member) || !member.range) return [];
    const name = (member.items as Pair<YamlNode, YamlNode>[]).find((p) => isScalar(p.key) && ['name', ...teamMemberKeys.name].includes(String(p.key.value)));
    const at = file.yaml!.position(member.range[0]);
    return [{ name: isScalar(name?.value) ? String(name.value.value) : '', line: at.line - 1, indent: at.column - 1 }];
  });
}

/** One fix per member: that one is the student (`本人: true` under the member). */
function selfFixes(file: OpenFile, lang: Lang): { title: string; edit: TextEdit }[] {
  return teamMembers(file).map(({ name, line, indent }) => ({
    title: lspMessage('fix-self', { name }, lang),
    edit: { range: { start: { line: line + 1, character: 0 }, end: { line: line + 1, character: 0 } }, newText: `${' '.repeat(indent)}本人: true\n` },
  }));
}

/** The columns the rule recognises a contribution table by, and the one that says who did what. */
const workColumn = /^(工作內容|工作|分工|負責|work|task)/iu;

/** A hand-drawn contribution table as `團隊:` in the front matter, and the table gone from the body. */
function teamTableMove(file: OpenFile, line: number): TextEdit[] | undefined {
  const table = file.source?.tree.children.find((node): node is Table => node.type === 'table' && node.position?.start.line === line + 1);
  const yamlLines = frontMatterLines(file.text.split('\n'));
  if (!table?.position || !yamlLines) return undefined;
  const header = table.children[0]?.children.map((cell) => toString(cell).trim()) ?? [];
  const column = (pattern: RegExp) => header.findIndex((h) => pattern.test(h));
  const [name, work, share] = [column(nameColumn), column(workColumn), column(shareColumn)];
  if (name < 0 || share < 0) return undefined;
  const cell = (row: Table['children'][number], i: number) => (i < 0 ? '' : toString(row.children[i] ?? { type: 'text', value: '' }).trim());
  const quote = (value: string) => (/^[\w\u3400-\u9fff\uf900-\ufaff ，、。（）()-]*$/u.test(value) && value !== '' ? value : JSON.stringify(value));
  const members = table.children.slice(1).map((row) => {
    const shareValue = Number.parseFloat(cell(row, share).replace(/[%％]/, '')) || 0;
    return `  - 姓名: ${quote(cell(row, name))}\n    工作內容: ${quote(cell(row, work))}\n    貢獻度: ${shareValue}\n`;
  });
  const closing = yamlLines.last + 1;
  const { start, end } = table.position;
  return [
    { range: { start: { line: closing, character: 0 }, end: { line: closing, character: 0 } }, newText: `團隊:\n${members.join('')}` },
    { range: { start: { line: start.line - 1, character: 0 }, end: { line: end.line, character: 0 } }, newText: '' },
  ];
}

/** Photos over the document cap and audio/video over the media cap, as `licheng compress` sees them. */
function compressActions(file: OpenFile, line: number, lang: Lang): CodeAction[] {
  return referencesOn(file, line).flatMap((reference) => {
    const resolved = reference.resolved;
    if (!resolved || reference.key === 'target' || /\.(md|ya?ml|pdf)$/i.test(resolved.path)) return [];
    const max = reference.key === 'media' ? limits.mediaMaxBytes : limits.documentMaxBytes;
    if (resolved.bytes <= max) return [];
    return [
      {
        title: lspMessage('fix-compress', { name: basename(resolved.path), bytes: formatBytes(resolved.bytes), max: formatBytes(max) }, lang),
        kind: CodeActionKind.QuickFix,
        command: {
          title: 'compress',
          command: commands.compress,
          arguments: [pathToUri(resolved.path), { uri: file.uri, range: reference.range, written: reference.written }],
        },
      },
    ];
  });
}
