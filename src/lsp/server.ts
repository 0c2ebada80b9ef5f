import {
  CodeActionKind,
  FileChangeType,
  TextDocumentSyncKind,
  type Connection,
  type InitializeParams,
  type InitializeResult,
  type Location,
} from 'vscode-languageserver';
import type { Lang } from '../messages.js';
import { codeActions, commands } from './code-actions.js';
import { runCommand } from './commands.js';
import { complete } from './completion.js';
import { hover } from './hover.js';
import { LiveCheck } from './live-check.js';
import { openFile } from './open-file.js';
import { preview, type PreviewParams } from './preview.js';
import { referenceAt } from './references.js';
import { renameEdits } from './rename.js';
import { documentSymbols } from './symbols.js';
import { documentStatus, targetsReadiness } from './upload.js';
import { pathToUri, uriToPath, Workspace } from './workspace.js';

export interface ServerOptions {
  /** Language of every message (default zh); a client may choose with `initializationOptions.lang`. */
  lang?: Lang;
}

/** The server's own requests, beside LSP's. */
export const requests = {
  preview: 'licheng/preview',
  targets: 'licheng/targets',
  documentStatus: 'licheng/documentStatus',
} as const;

/** Files whose change is a change of a portfolio: documents, targets, portfolio.yaml (and folders of them). */
const sourceFiles = {
  filters: [
    { scheme: 'file', pattern: { glob: '**/*.{md,yaml,yml}' } },
    { scheme: 'file', pattern: { glob: '**/', matches: 'folder' as const } },
  ],
};
const documentFiles = { filters: [{ scheme: 'file', pattern: { glob: '**/*.md', matches: 'file' as const } }] };

/** Open documents' latest preview sizes: what the upload view and status bar show before any build. */
const previewSizesLimit = 64;

/**
 * licheng's language server on a connection (stdio from `licheng lsp`, or any transport a host
 * brings): registers every feature, then listens.
 */
export function listen(connection: Connection, options: ServerOptions = {}): void {
  const workspace = new Workspace();
  let lang: Lang = options.lang ?? 'zh';
  let live: LiveCheck | undefined;
  const previewSizes = new Map<string, number>();

  /** Checks the portfolio a file belongs to again, as it is in the editor now. */
  const changed = async (uri: string): Promise<void> => {
    const path = uriToPath(uri);
    const root = path ? await workspace.rootOf(path) : undefined;
    if (root && live) await live.schedule(root);
  };

  connection.onInitialize(async (params: InitializeParams): Promise<InitializeResult> => {
    const asked = (params.initializationOptions as { lang?: unknown } | undefined)?.lang;
    if (asked === 'zh' || asked === 'en') lang = asked;
    live = new LiveCheck(connection, workspace, lang);
    const folders = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
    await workspace.addFolders(folders.flatMap((uri) => uriToPath(uri) ?? []));
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        completionProvider: { triggerCharacters: [':', ' ', '#', '(', '/', '-'] },
        hoverProvider: true,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
        documentSymbolProvider: true,
        definitionProvider: true,
        executeCommandProvider: { commands: Object.values(commands) },
        workspace: {
          fileOperations: { didCreate: sourceFiles, didRename: sourceFiles, didDelete: sourceFiles, willRename: documentFiles },
        },
      },
      serverInfo: { name: 'licheng' },
    };
  });

  workspace.documents.onDidChangeContent(({ document }) => void changed(document.uri));
  workspace.documents.onDidClose(({ document }) => {
    live?.clear(document.uri);
    previewSizes.delete(document.uri);
    // The saved text stands again for what was unsaved.
    void changed(document.uri);
  });

  // Files created, renamed or deleted outside the editor's buffers (explorer, git): their portfolios are checked again.
  const filesChanged = (uris: readonly string[], gone: readonly string[] = []) => {
    workspace.forgetRoots();
    live?.forget();
    for (const uri of gone) live?.clear(uri);
    for (const uri of uris) void changed(uri);
  };
  connection.workspace.onDidCreateFiles(({ files }) => filesChanged(files.map((f) => f.uri)));
  connection.workspace.onDidRenameFiles(({ files }) =>
    filesChanged(
      files.flatMap((f) => [f.oldUri, f.newUri]),
      files.map((f) => f.oldUri),
    ),
  );
  connection.workspace.onDidDeleteFiles(({ files }) =>
    filesChanged(
      files.map((f) => f.uri),
      files.map((f) => f.uri),
    ),
  );
  connection.onDidChangeWatchedFiles(({ changes }) =>
    filesChanged(
      changes.map((c) => c.uri),
      changes.filter((c) => c.type === FileChangeType.Deleted).map((c) => c.uri),
    ),
  );
  connection.workspace.onWillRenameFiles(({ files }) => renameEdits(workspace, files));

  connection.onCompletion(async ({ textDocument, position }) => {
    const file = await openFile(workspace, textDocument.uri);
    return file ? complete(workspace, file, position, lang) : [];
  });
  connection.onHover(async ({ textDocument, position }) => {
    const file = await openFile(workspace, textDocument.uri);
    return file ? hover(workspace, file, position, lang) : null;
  });
  connection.onCodeAction(async ({ textDocument, range, context }) => {
    const file = await openFile(workspace, textDocument.uri);
    return file ? codeActions(file, range, context.diagnostics, lang) : [];
  });
  connection.onDocumentSymbol(async ({ textDocument }) => {
    const file = await openFile(workspace, textDocument.uri);
    return file ? documentSymbols(file, lang) : [];
  });
  connection.onDefinition(async ({ textDocument, position }): Promise<Location | null> => {
    const file = await openFile(workspace, textDocument.uri);
    const found = file && referenceAt(file, position)?.resolved;
    return found ? { uri: pathToUri(found.path), range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } } : null;
  });
  connection.onExecuteCommand((params, _cancel, progress) => runCommand(connection, workspace, params, progress, lang));

  connection.onRequest(requests.preview, async (params: PreviewParams) => {
    const result = await preview(workspace, params.textDocument.uri, lang);
    if (result.pdf) {
      if (previewSizes.size >= previewSizesLimit) previewSizes.delete(previewSizes.keys().next().value!);
      previewSizes.set(result.uri, Buffer.byteLength(result.pdf, 'base64'));
    }
    return result;
  });
  connection.onRequest(requests.targets, () => targetsReadiness(workspace, previewSizes));
  connection.onRequest(requests.documentStatus, async (params: PreviewParams) => {
    const file = await openFile(workspace, params.textDocument.uri);
    // Counted also while the document has errors elsewhere: from the YAML as written.
    const written =
      file?.kind === 'course' || file?.kind === 'performance' ? (file.yaml?.document.get('簡述') ?? file.yaml?.document.get('summary')) : undefined;
    const summary = typeof written === 'string' ? [...written].length : null;
    return documentStatus(workspace, params.textDocument.uri, summary, previewSizes.get(params.textDocument.uri));
  });

  workspace.documents.listen(connection);
  connection.listen();
}
