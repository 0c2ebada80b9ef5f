import { setDiagnostics, type Action, type Diagnostic as LintDiagnostic } from '@codemirror/lint';
import { LSPClient, LSPPlugin, languageServerExtensions } from '@codemirror/lsp-client';
import type { EditorView } from '@codemirror/view';
import type * as lsp from 'vscode-languageserver-protocol';
import { boot } from './dom.js';
import { connect, type StudioConnection } from './transport.js';

/** The page's language server (the same as `licheng lsp`) and what it says about the portfolio. */
export interface Language {
  client: LSPClient;
  connection: StudioConnection;
  /** The latest diagnostics the server published, by URI. */
  diagnostics: Map<string, lsp.Diagnostic[]>;
  onDiagnostics(handler: (uri: string) => void): void;
  /** The quick fixes of one of the open file's diagnostics (the very objects of `diagnostics`). */
  fixesFor(diagnostic: lsp.Diagnostic): readonly Action[];
  /** The open file's quick fixes were asked again (after each publication of its diagnostics). */
  onFixes(handler: () => void): void;
  /** Runs a server command (licheng.build, licheng.pack) reporting its progress, 0–1. */
  run(command: string, args: unknown[], progress: (fraction: number, message?: string) => void): Promise<CommandResult>;
}

export interface CommandResult {
  ok: boolean;
  message: string;
  outputs?: string[];
}

const severity = (s: lsp.DiagnosticSeverity | undefined): LintDiagnostic['severity'] => (s === 2 ? 'warning' : s === 3 ? 'info' : s === 4 ? 'hint' : 'error');

/** A diagnostic's message as plain text (LSP 3.18 allows Markdown). */
export const text = (message: string | lsp.MarkupContent): string => (typeof message === 'string' ? message : message.value);

const sameRange = (a: lsp.Range, b: lsp.Range) =>
  a.start.line === b.start.line && a.start.character === b.start.character && a.end.line === b.end.line && a.end.character === b.end.character;

/** Applies a server's edit to the open editor when it concerns it; true when applied. */
function applyEdit(view: EditorView | undefined, edit: lsp.WorkspaceEdit): boolean {
  const plugin = view && LSPPlugin.get(view);
  if (!view || !plugin) return false;
  const fromChanges = edit.changes?.[plugin.uri];
  const fromDocumentChanges = edit.documentChanges?.flatMap((c) => ('textDocument' in c && c.textDocument.uri === plugin.uri ? c.edits : [])) as
    | lsp.TextEdit[]
    | undefined;
  const edits = fromChanges ?? fromDocumentChanges;
  if (!edits?.length) return false;
  view.dispatch({ changes: edits.map((e) => ({ from: plugin.fromPosition(e.range.start), to: plugin.fromPosition(e.range.end), insert: e.newText })) });
  return true;
}

export async function startLanguage(currentView: () => EditorView | undefined): Promise<Language> {
  const diagnostics = new Map<string, lsp.Diagnostic[]>();
  const listeners = new Set<(uri: string) => void>();
  const fixes = new WeakMap<lsp.Diagnostic, Action[]>();
  const fixListeners = new Set<() => void>();
  const progress = new Map<string | number, (fraction: number, message?: string) => void>();
  let client!: LSPClient;

  /** Quick fixes for the open file's diagnostics: on each problem in the editor, and kept for the problems panel. */
  const showInEditor = async (params: lsp.PublishDiagnosticsParams) => {
    const view = currentView();
    const plugin = view && LSPPlugin.get(view);
    if (!view || !plugin || plugin.uri !== params.uri) return;
    const file = client.workspace.getFile(params.uri);
    if (!file || (params.version != null && params.version !== file.version)) return;
    const synced = plugin.syncedDoc;
    const actions = params.diagnostics.length
      ? await client
          .request<lsp.CodeActionParams, (lsp.CodeAction | lsp.Command)[] | null>('textDocument/codeAction', {
            textDocument: { uri: params.uri },
            range: { start: { line: 0, character: 0 }, end: plugin.toPosition(synced.length, synced) },
            context: { diagnostics: params.diagnostics, only: ['quickfix'] },
          })
          .catch(() => null)
      : null;
    if (currentView() !== view || plugin.syncedDoc !== synced) return;
    const fixesFor = (d: lsp.Diagnostic): Action[] =>
      (actions ?? [])
        .filter((a): a is lsp.CodeAction => typeof (a as lsp.Command).command !== 'string')
        .filter((a) => a.diagnostics?.some((x) => x.message === d.message && sameRange(x.range, d.range)))
        .map((a) => ({
          name: a.title,
          apply: (v: EditorView) => {
            if (a.edit) applyEdit(v, a.edit);
            if (a.command) void language.run(a.command.command, a.command.arguments ?? [], () => undefined);
          },
        }));
    for (const d of params.diagnostics) fixes.set(d, fixesFor(d));
    view.dispatch(
      setDiagnostics(
        view.state,
        params.diagnostics.map((d) => ({
          from: plugin.unsyncedChanges.mapPos(plugin.fromPosition(d.range.start, synced)),
          to: plugin.unsyncedChanges.mapPos(plugin.fromPosition(d.range.end, synced)),
          severity: severity(d.severity),
          message: text(d.message),
          source: d.code !== undefined ? String(d.code) : undefined,
          actions: fixes.get(d),
        })),
      ),
    );
    for (const listener of fixListeners) listener();
  };

  const connection = await connect((method, params) => {
    if (method === 'workspace/configuration') return ((params as lsp.ConfigurationParams).items ?? []).map(() => null);
    if (method === 'workspace/applyEdit') return { applied: applyEdit(currentView(), (params as lsp.ApplyWorkspaceEditParams).edit) };
    if (method === 'window/workDoneProgress/create' || method === 'client/registerCapability' || method === 'client/unregisterCapability') return null;
    throw new Error(`${method} is not supported by the studio`);
  });

  client = new LSPClient({
    rootUri: boot.rootUri,
    initializationOptions: { lang: boot.lang },
    timeout: 60_000,
    extensions: languageServerExtensions(),
    notificationHandlers: {
      'textDocument/publishDiagnostics': (_client, params: lsp.PublishDiagnosticsParams) => {
        diagnostics.set(params.uri, params.diagnostics);
        for (const listener of listeners) listener(params.uri);
        void showInEditor(params);
        return true;
      },
      '$/progress': (_client, params: { token: string | number; value: lsp.WorkDoneProgressBegin | lsp.WorkDoneProgressReport | lsp.WorkDoneProgressEnd }) => {
        const value = params.value;
        const percentage = 'percentage' in value && value.percentage !== undefined ? value.percentage / 100 : value.kind === 'end' ? 1 : 0;
        progress.get(params.token)?.(percentage, value.message);
        return true;
      },
    },
  }).connect(connection.transport);

  let tokens = 0;
  const language: Language = {
    client,
    connection,
    diagnostics,
    onDiagnostics: (handler) => listeners.add(handler),
    fixesFor: (diagnostic) => fixes.get(diagnostic) ?? [],
    onFixes: (handler) => fixListeners.add(handler),
    async run(command, args, report) {
      const token = `studio-${++tokens}`;
      progress.set(token, report);
      try {
        client.sync();
        return await client.request<lsp.ExecuteCommandParams, CommandResult>('workspace/executeCommand', { command, arguments: args, workDoneToken: token });
      } catch (error) {
        return { ok: false, message: (error as { message?: string }).message ?? String(error) };
      } finally {
        progress.delete(token);
      }
    },
  };
  await client.initializing;
  return language;
}
