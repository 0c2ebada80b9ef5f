import type { Action } from '@codemirror/lint';
import type * as lsp from 'vscode-languageserver-protocol';
// The server's answer types, so that the page and the language server cannot drift apart.
import type { TargetReadiness as TargetStatus } from '../../src/lsp/upload.js';
import { studioText } from '../../src/studio/messages.js';
import { pathOf, type CheckDiagnostic, type FileGroup } from './api.js';
import { boot, h, size, t } from './dom.js';
import { text, type Language } from './lsp.js';

/** The file tree: the portfolio's groups in the order a student fills them, documents by title. */
export function renderTree(container: HTMLElement, groups: FileGroup[], current: string | undefined, open: (path: string) => void): void {
  container.replaceChildren(
    ...groups.map((group) =>
      h(
        'section',
        { class: 'group' },
        h('h3', {}, t(studioText.groups[group.kind])),
        group.files.length === 0
          ? h('p', { class: 'empty' }, '—')
          : h(
              'ul',
              {},
              ...group.files.map((file) =>
                h(
                  'li',
                  {},
                  group.kind === 'media'
                    ? h('span', { class: 'media', title: file.path }, file.title)
                    : h(
                        'button',
                        { class: file.path === current ? 'file current' : 'file', title: file.path, 'data-path': file.path, onclick: () => open(file.path) },
                        file.title,
                      ),
                ),
              ),
            ),
      ),
    ),
  );
}

export interface Shown {
  path: string;
  line: number;
  severity: 'error' | 'warning';
  message: string;
  /** Quick fixes the language server offers (for the open file's problems). */
  fixes: readonly Action[];
}

/** The whole portfolio's problems: `licheng check`'s, replaced file by file by what the language server publishes live. */
export function mergeProblems(
  checked: CheckDiagnostic[],
  live: Map<string, lsp.Diagnostic[]>,
  fixesFor: (diagnostic: lsp.Diagnostic) => readonly Action[],
): Shown[] {
  const liveByPath = new Map<string, lsp.Diagnostic[]>();
  for (const [uri, list] of live) {
    const path = pathOf(boot.rootUri, uri);
    if (path) liveByPath.set(path, list);
  }
  const shown: Shown[] = checked
    .filter((d) => !liveByPath.has(d.file))
    .map((d) => ({ path: d.file, line: d.line - 1, severity: d.severity, message: `${d.message} [${d.ruleId}]`, fixes: [] }));
  for (const [path, list] of liveByPath)
    for (const d of list)
      shown.push({
        path,
        line: d.range.start.line,
        severity: d.severity === 2 ? 'warning' : 'error',
        message: d.code ? `${text(d.message)} [${d.code}]` : text(d.message),
        fixes: fixesFor(d),
      });
  return shown.sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1) || a.path.localeCompare(b.path) || a.line - b.line);
}

/** Each problem opens its file at its line; one with a quick fix has a button per fix beside it. */
export function renderProblems(
  container: HTMLElement,
  problems: Shown[],
  open: (path: string, line: number) => void,
  fix: (problem: Shown, action: Action) => void,
): void {
  const errors = problems.filter((p) => p.severity === 'error').length;
  container.replaceChildren(
    h('h2', {}, `${t(studioText.problems)} `, h('span', { class: errors ? 'count bad' : 'count' }, String(problems.length))),
    problems.length === 0
      ? h('p', { class: 'ok' }, t(studioText.noProblems))
      : h(
          'ul',
          {},
          ...problems.map((p) =>
            h(
              'li',
              {},
              h(
                'button',
                { class: `problem ${p.severity}`, onclick: () => open(p.path, p.line) },
                h('span', { class: 'where' }, `${p.path}:${p.line + 1}`),
                h('span', { class: 'what' }, p.message),
              ),
              ...p.fixes.map((action) =>
                h('button', { class: 'fix', title: action.name, onclick: () => fix(p, action) }, `${t(studioText.fix)}：${action.name}`),
              ),
            ),
          ),
        ),
  );
}

/** Each target: counts against caps, documents and sizes, readiness, and its Pack button. */
export async function renderTargets(
  container: HTMLElement,
  language: Language,
  pack: (target: TargetStatus, bar: HTMLProgressElement, result: HTMLElement) => void,
): Promise<void> {
  const targets = await language.client.request<Record<string, never>, TargetStatus[]>('licheng/targets', {}).catch(() => [] as TargetStatus[]);
  container.replaceChildren(
    h('h2', {}, t(studioText.targets)),
    ...targets.map((target) => {
      const bar = h('progress', { max: 1, value: 0, hidden: true });
      const result = h('div', { class: 'result' });
      const ready = target.errors === 0;
      return h(
        'section',
        { class: 'target' },
        h('h3', {}, target.name, ' ', h('span', { class: ready ? 'badge ok' : 'badge bad' }, t(ready ? studioText.ready : studioText.notReady))),
        h('ul', { class: 'counts' }, ...target.counts.map((c) => h('li', { class: c.count > c.cap ? 'over' : '' }, `${c.label} ${c.count}／${c.cap}`))),
        h(
          'ul',
          { class: 'docs' },
          ...target.documents.map((d) =>
            h(
              'li',
              { class: d.bytes !== null && d.bytes > d.cap ? 'over' : '' },
              `${d.label} ${d.title}`,
              h('span', { class: 'size' }, `${d.bytes === null ? '—' : size(d.bytes)}／${size(d.cap)}`),
            ),
          ),
        ),
        h('button', { class: 'pack', onclick: () => pack(target, bar, result) }, t(studioText.pack)),
        bar,
        result,
      );
    }),
  );
}
