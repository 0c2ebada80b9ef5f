import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createMessageConnection, ProgressType, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import {
  DidChangeTextDocumentNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  ExitNotification,
  InitializedNotification,
  InitializeRequest,
  PublishDiagnosticsNotification,
  ShutdownRequest,
  type InitializeResult,
  type PublishDiagnosticsParams,
  type InitializeParams,
  type TextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver-protocol';

const cli = join(import.meta.dirname, '..', '..', 'dist', 'licheng', 'main.cjs');

export const fileUri = (path: string): string => pathToFileURL(path).href;

/** `licheng lsp --stdio` as a client sees it: a child process and a JSON-RPC connection to it. */
export interface LspClient {
  connection: MessageConnection;
  child: ChildProcess;
  initialized: InitializeResult;
  /** Everything the server wrote to stderr (the protocol owns stdout). */
  stderr(): string;
  open(uri: string, text: string, languageId?: string): Promise<PublishDiagnosticsParams>;
  /** Replaces the whole text (a full-content change): resolves with the diagnostics published for that version. */
  change(uri: string, text: string): Promise<PublishDiagnosticsParams>;
  /** Closes the document: resolves with the diagnostics that clear its findings. */
  close(uri: string): Promise<PublishDiagnosticsParams>;
  /** The next diagnostics published for `uri` that satisfy `accept` (any, by default). */
  nextDiagnostics(uri: string, accept?: (params: PublishDiagnosticsParams) => boolean): Promise<PublishDiagnosticsParams>;
  /** The text the client holds for an open document. */
  text(uri: string): string;
  /** Collects the `$/progress` values the server sends for a token (register before sending it). */
  progress(token: string): { kind: string; message?: string; percentage?: number }[];
  shutdown(): Promise<void>;
}

/** Starts the server and initializes it with one workspace folder. */
export async function startLsp(folder: string, { lang, args = [] }: { lang?: 'zh' | 'en'; args?: string[] } = {}): Promise<LspClient> {
  const child = spawn(process.execPath, [cli, 'lsp', '--stdio', ...(lang ? ['--lang', lang] : []), ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const connection = createMessageConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
  const waiting: { uri: string; accept: (p: PublishDiagnosticsParams) => boolean; resolve: (p: PublishDiagnosticsParams) => void }[] = [];
  connection.onNotification(PublishDiagnosticsNotification.method, (params: PublishDiagnosticsParams) => {
    const i = waiting.findIndex((w) => w.uri === params.uri && w.accept(params));
    if (i >= 0) waiting.splice(i, 1)[0]!.resolve(params);
  });
  const progress = (token: string) => {
    const values: { kind: string }[] = [];
    connection.onProgress(new ProgressType<{ kind: string }>(), token, (value) => values.push(value));
    return values;
  };
  connection.onRequest('window/workDoneProgress/create', () => null);
  connection.onRequest('client/registerCapability', () => null);
  // As an editor does: the edit goes into the open buffer, which the server then hears of as a change.
  // (Not awaiting the diagnostics: this connection handles one incoming message at a time.)
  connection.onRequest('workspace/applyEdit', ({ edit }: { edit: WorkspaceEdit }) => {
    for (const [uri, edits] of Object.entries(edit.changes ?? {})) void client.change(uri, applyEdits(client.text(uri), edits));
    return { applied: true };
  });
  connection.listen();
  // Methods by name: the protocol package's own copy of vscode-jsonrpc is not this one, so its typed `*.type` objects do not apply here.
  const initialized = await connection.sendRequest<InitializeResult>(InitializeRequest.method, {
    processId: process.pid,
    rootUri: fileUri(folder),
    workspaceFolders: [{ uri: fileUri(folder), name: 'portfolio' }],
    capabilities: { workspace: { workspaceEdit: { documentChanges: true } }, window: { workDoneProgress: true } },
  } satisfies InitializeParams);
  await connection.sendNotification(InitializedNotification.method, {});
  const versions = new Map<string, number>();
  const texts = new Map<string, string>();
  const nextDiagnostics = (uri: string, accept: (p: PublishDiagnosticsParams) => boolean = () => true) =>
    new Promise<PublishDiagnosticsParams>((resolve) => waiting.push({ uri, accept, resolve }));
  const forVersion = (uri: string) => {
    const version = versions.get(uri);
    return nextDiagnostics(uri, (p) => p.version === version);
  };
  const client: LspClient = {
    connection,
    child,
    initialized,
    progress,
    stderr: () => stderr,
    nextDiagnostics,
    text: (uri) => texts.get(uri) ?? '',
    async open(uri, text, languageId = uri.endsWith('.md') ? 'markdown' : 'yaml') {
      versions.set(uri, 1);
      texts.set(uri, text);
      const published = forVersion(uri);
      await connection.sendNotification(DidOpenTextDocumentNotification.method, { textDocument: { uri, languageId, version: 1, text } });
      return published;
    },
    async change(uri, text) {
      const version = (versions.get(uri) ?? 0) + 1;
      versions.set(uri, version);
      texts.set(uri, text);
      const published = forVersion(uri);
      await connection.sendNotification(DidChangeTextDocumentNotification.method, { textDocument: { uri, version }, contentChanges: [{ text }] });
      return published;
    },
    async close(uri) {
      versions.delete(uri);
      texts.delete(uri);
      // The server clears a closed document's findings without a version; a check's findings carry
      // the version checked, and one still on its way (late on a loaded machine) is not the answer.
      const published = nextDiagnostics(uri, (p) => p.version === undefined);
      await connection.sendNotification(DidCloseTextDocumentNotification.method, { textDocument: { uri } });
      return published;
    },
    async shutdown() {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      await connection.sendRequest(ShutdownRequest.method);
      await connection.sendNotification(ExitNotification.method);
      await exited;
      connection.dispose();
    },
  };
  return client;
}

/** A text with LSP edits applied (positions in UTF-16 units, as the protocol counts them). */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const lines = text.split('\n');
  const offset = ({ line, character }: { line: number; character: number }) => lines.slice(0, line).reduce((n, l) => n + l.length + 1, 0) + character;
  const sorted = [...edits].sort((a, b) => offset(b.range.start) - offset(a.range.start));
  return sorted.reduce((out, edit) => out.slice(0, offset(edit.range.start)) + edit.newText + out.slice(offset(edit.range.end)), text);
}
