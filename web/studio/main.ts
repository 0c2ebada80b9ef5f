import type { EditorView } from '@codemirror/view';
import { studioText } from '../../src/studio/messages.js';
import { listFiles, newDocument, openFile, pathOf, portfolioProblems, relativePath, saveFile, upload, uriOf, type CheckDiagnostic } from './api.js';
import { askConflict, askNewDocument } from './dialogs.js';
import { boot, h, size, t } from './dom.js';
import { dropDraft, keepDraft, loadDraft } from './drafts.js';
import { createEditor, revealLine } from './editor.js';
import { startLanguage, type CommandResult } from './lsp.js';
import { insertImage, setMediaKey } from './media-text.js';
import { mergeProblems, renderProblems, renderTargets, renderTree } from './panels.js';
import { previewPane } from './preview-pane.js';

/** The file being edited: its path, the version on disk its edits start from, and its editor. */
interface Open {
  path: string;
  uri: string;
  version: string;
  view: EditorView;
  dirty: boolean;
}

let open: Open | undefined;
let checked: CheckDiagnostic[] = [];

const fileName = h('span', { class: 'file-name' });
const state = h('span', { class: 'state' });
const status = h('div', { class: 'status', role: 'status' });
const tree = h('nav', { class: 'tree' });
const targetsPanel = h('div', { class: 'targets' });
const editorBox = h('div', { class: 'editor' }, h('p', { class: 'empty-editor' }, t(studioText.pickFile)));
const uploadBar = h('progress', { class: 'upload', max: 1, value: 0, hidden: true });
const problemsPanel = h('div', { class: 'problems' });
const previewBox = h('div', { class: 'preview' });

document.title = `${boot.name} · ${t(studioText.title)}`;
// On a computer without a Chinese font the page's own font is fetched first: Chromium left the first
// Chinese text laid out while it was loading in boxes (□□□□) for good.
await document.fonts.load(`14px 'licheng Noto Sans TC'`, t(studioText.discard)).catch(() => undefined);
document.body.append(
  h(
    'header',
    {},
    h('strong', { class: 'brand' }, 'licheng studio'),
    h('span', { class: 'portfolio' }, boot.name),
    fileName,
    state,
    h('span', { class: 'spacer' }),
    h('button', { class: 'discard', onclick: () => void discard() }, t(studioText.discard)),
    h('button', { class: 'save primary', title: 'Ctrl+S', onclick: () => void save() }, t(studioText.save)),
    h('button', { class: 'build', title: 'Ctrl+Shift+B', onclick: () => void build() }, t(studioText.build)),
  ),
  h('aside', {}, h('button', { class: 'new', onclick: () => void createDocument() }, t(studioText.newDocument)), tree, targetsPanel),
  h('main', {}, h('p', { class: 'hint' }, t(studioText.dropHint)), uploadBar, editorBox, problemsPanel),
  h('section', { class: 'preview-pane', 'aria-label': t(studioText.preview) }, previewBox),
  status,
);

const say = (text: string, tone: 'info' | 'bad' = 'info') => {
  status.replaceChildren(text);
  status.className = `status ${tone}`;
};

const language = await startLanguage(() => open?.view);
language.connection.onLost(() => say(t(studioText.disconnected), 'bad'));
const preview = previewPane(previewBox, language, (line) => open && revealLine(open.view, line));

const markDirty = (dirty: boolean) => {
  if (open) open.dirty = dirty;
  state.textContent = dirty ? `● ${t(studioText.unsaved)}` : t(studioText.saved);
  state.className = dirty ? 'state dirty' : 'state';
};

async function refreshTree(): Promise<void> {
  renderTree(tree, await listFiles(), open?.path, (path) => void openDocument(path));
}

function refreshProblems(): void {
  renderProblems(
    problemsPanel,
    mergeProblems(checked, language.diagnostics, language.fixesFor),
    (path, line) => void openDocument(path, line),
    (problem, action) => {
      if (open?.path !== problem.path) return;
      action.apply(open.view, 0, 0);
      open.view.focus();
    },
  );
}

async function refreshChecked(): Promise<void> {
  checked = await portfolioProblems();
  refreshProblems();
}

/**
 * Readiness checks every target against the whole portfolio: asked after a pause in typing, and
 * never twice at once, so that it cannot hold up the preview on the same server.
 */
let targetsTimer: number | undefined;
let targetsRunning = false;
let targetsAgain = false;
function refreshTargets(delay = 1500): void {
  clearTimeout(targetsTimer);
  targetsTimer = window.setTimeout(async () => {
    if (targetsRunning) return void (targetsAgain = true);
    targetsRunning = true;
    await renderTargets(targetsPanel, language, (target, bar, result) => void pack(target.uri, bar, result));
    targetsRunning = false;
    if (targetsAgain) {
      targetsAgain = false;
      refreshTargets();
    }
  }, delay);
}

let previewTimer: number | undefined;
const isDocument = (path: string) => path.endsWith('.md');

async function openDocument(path: string, line?: number): Promise<void> {
  if (open?.path === path) {
    if (line !== undefined) revealLine(open.view, line);
    return;
  }
  const opened = await openFile(path);
  if ('problem' in opened) return say(opened.message, 'bad');
  const draft = loadDraft(path);
  open?.view.destroy();
  editorBox.replaceChildren();
  preview.clear();
  const uri = uriOf(boot.rootUri, path);
  const view = createEditor(editorBox, language.client, uri, path, draft?.text ?? opened.text, {
    onChange(v) {
      if (!open || open.view !== v) return;
      keepDraft(path, { text: v.state.doc.toString(), version: open.version });
      markDirty(true);
      clearTimeout(previewTimer);
      // A frame's wait puts the changes of one input (a keystroke, a committed word, a paste) in one
      // preview; faster typing is folded by the preview itself, which asks at most once at a time.
      if (isDocument(path)) previewTimer = window.setTimeout(() => preview.refresh(uri), 16);
    },
    onCursorLine: (l) => preview.revealLine(l),
    drop: (files, at) => void dropMedia(files, at),
  });
  open = { path, uri, version: draft?.version ?? opened.version, view, dirty: false };
  fileName.textContent = path;
  markDirty(draft !== undefined && draft.text !== opened.text);
  if (draft && draft.text !== opened.text) say(t(studioText.restored));
  history.replaceState(null, '', `/#${encodeURIComponent(path)}`);
  if (isDocument(path)) preview.refresh(uri);
  if (line !== undefined) revealLine(view, line);
  void refreshTree();
}

async function save(): Promise<void> {
  if (!open) return;
  const { path, view } = open;
  const text = view.state.doc.toString();
  const result = await saveFile(path, text, open.version);
  if ('problem' in result) return say(result.problem.message, 'bad');
  if ('conflict' in result) {
    const disk = result.conflict;
    if ((await askConflict(text, disk.text)) === 'disk') {
      open.version = disk.version;
      view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: disk.text } });
      dropDraft(path);
      markDirty(false);
      return;
    }
    open.version = disk.version;
    return save();
  }
  open.version = result.saved.version;
  // Edits typed while the save was on its way stay unsaved.
  if (view.state.doc.toString() === text) {
    dropDraft(path);
    markDirty(false);
  } else keepDraft(path, { text: view.state.doc.toString(), version: open.version });
  say(`${t(studioText.saved)} ${path}`);
  void refreshChecked();
  void refreshTree();
  refreshTargets();
}

async function discard(): Promise<void> {
  if (!open) return;
  const opened = await openFile(open.path);
  if ('problem' in opened) return say(opened.message, 'bad');
  open.version = opened.version;
  open.view.dispatch({ changes: { from: 0, to: open.view.state.doc.length, insert: opened.text } });
  dropDraft(open.path);
  markDirty(false);
}

/** Links to what a command wrote, when it lies in the portfolio's out/ folder (served read-only). */
function outputLinks(result: CommandResult): HTMLElement {
  const links = (result.outputs ?? []).map((output) => {
    const path = pathOf(boot.rootUri, output);
    return path?.startsWith('out/')
      ? h('a', { href: `/${path.split('/').map(encodeURIComponent).join('/')}`, target: '_blank' }, path.slice(4))
      : h('span', {}, output);
  });
  return h('div', { class: result.ok ? 'result ok' : 'result bad' }, result.message, ...links.map((link) => h('div', {}, link)));
}

async function build(): Promise<void> {
  if (!open || !isDocument(open.path)) return;
  say(t(studioText.building));
  const result = await language.run('licheng.build', [open.uri], () => undefined);
  status.replaceChildren(outputLinks(result));
  status.className = 'status';
}

async function pack(targetUri: string, bar: HTMLProgressElement, result: HTMLElement): Promise<void> {
  bar.hidden = false;
  bar.value = 0;
  result.replaceChildren(t(studioText.packing));
  const done = await language.run('licheng.pack', [targetUri], (fraction) => (bar.value = fraction));
  bar.hidden = true;
  result.replaceChildren(outputLinks(done));
}

async function dropMedia(files: File[], at: number): Promise<void> {
  for (const file of files) {
    uploadBar.hidden = false;
    uploadBar.value = 0;
    say(`${t(studioText.uploading)} ${file.name}（${size(file.size)}）…`);
    const uploaded = await upload(file, language.connection.sessionId);
    uploadBar.hidden = true;
    if ('problem' in uploaded) {
      say(`${file.name}: ${uploaded.message}`, 'bad');
      continue;
    }
    if (!open) continue;
    const link = relativePath(open.path, uploaded.path);
    if (uploaded.kind === 'image') insertImage(open.view, Math.min(at, open.view.state.doc.length), link);
    else setMediaKey(open.view, link);
    say(`${t(studioText.inserted)} ${uploaded.path}（${size(uploaded.bytes)}／${size(uploaded.maxBytes)}）`);
  }
  void refreshTree();
}

async function createDocument(): Promise<void> {
  const asked = await askNewDocument();
  if (!asked) return;
  const made = await newDocument(asked.kind, asked.name, asked.template);
  if ('problem' in made) return say(made.message, 'bad');
  await refreshTree();
  await openDocument(made.path);
}

language.connection.on('upload', (data) => (uploadBar.value = (data as { fraction: number }).fraction));
language.onFixes(refreshProblems);
language.onDiagnostics(() => {
  refreshProblems();
  refreshTargets();
});
// A file dropped beside the editor would make the browser open it in place of the studio.
for (const type of ['dragover', 'drop']) window.addEventListener(type, (event) => event.preventDefault());
// Anywhere on the page, not only in the editor: the student may have clicked the tree or the preview.
document.addEventListener('keydown', (event) => {
  if (!(event.ctrlKey || event.metaKey) || event.altKey) return;
  const key = event.key.toLowerCase();
  if (key === 's' && !event.shiftKey) void save();
  else if (key === 'b' && event.shiftKey) void build();
  else return;
  event.preventDefault();
});
window.addEventListener('beforeunload', () => open?.dirty && keepDraft(open.path, { text: open.view.state.doc.toString(), version: open.version }));

markDirty(false);
await refreshTree();
void refreshChecked();
refreshTargets(0);
const linked = decodeURIComponent(location.hash.slice(1));
if (linked) await openDocument(linked);
