import { FileChangeType, TextDocumentSyncKind, type Connection, type InitializeParams, type InitializeResult } from 'vscode-languageserver';
import type { Lang } from '../messages.js';
import { LiveCheck } from './live-check.js';
import { preview, type PreviewParams } from './preview.js';
import { uriToPath, Workspace } from './workspace.js';

/** Files whose change is a change of a portfolio: documents, targets, portfolio.yaml (and folders of them). */
const sourceFiles = { filters: [{ scheme: 'file', pattern: { glob: '**/*.{md,yaml,yml}' } }, { scheme: 'file', pattern: { glob: '**/', matches: 'folder' as const } }] };

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

/**
 * licheng's language server on a connection (stdio from `licheng lsp`, or any transport a host
 * brings): registers every feature, then listens.
 */
export function listen(connection: Connection, options: ServerOptions = {}): void {
  const workspace = new Workspace();
  let lang: Lang = options.lang ?? 'zh';
  let live: LiveCheck | undefined;

  /** Checks the portfolio a file belongs to again, as it is in the editor now. */
  const changed = async (uri: string): Promise<void> => {
    const path = uriToPath(uri);
    const root = path ? await workspace.rootOf(path) : undefined;
    if (root && live) await live.schedule(root);
  };

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    const asked = (params.initializationOptions as { lang?: unknown } | undefined)?.lang;
    if (asked === 'zh' || asked === 'en') lang = asked;
    live = new LiveCheck(connection, workspace, lang);
    const folders = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
    void workspace.addFolders(folders.flatMap((uri) => uriToPath(uri) ?? []));
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        workspace: {
          fileOperations: { didCreate: sourceFiles, didRename: sourceFiles, didDelete: sourceFiles },
        },
      },
      serverInfo: { name: 'licheng' },
    };
  });

  workspace.documents.onDidChangeContent(({ document }) => void changed(document.uri));
  workspace.documents.onDidClose(({ document }) => {
    live?.clear(document.uri);
    // The saved text stands again for what was unsaved.
    void changed(document.uri);
  });

  // Files created, renamed or deleted outside the editor's buffers (explorer, git): their portfolios are checked again.
  const filesChanged = (uris: readonly string[], gone: readonly string[] = []) => {
    workspace.forgetRoots();
    for (const uri of gone) live?.clear(uri);
    for (const uri of uris) void changed(uri);
  };
  connection.workspace.onDidCreateFiles(({ files }) => filesChanged(files.map((f) => f.uri)));
  connection.workspace.onDidRenameFiles(({ files }) => filesChanged(files.flatMap((f) => [f.oldUri, f.newUri]), files.map((f) => f.oldUri)));
  connection.workspace.onDidDeleteFiles(({ files }) => filesChanged(files.map((f) => f.uri), files.map((f) => f.uri)));
  connection.onDidChangeWatchedFiles(({ changes }) => filesChanged(changes.map((c) => c.uri), changes.filter((c) => c.type === FileChangeType.Deleted).map((c) => c.uri)));

  connection.onRequest(requests.preview, (params: PreviewParams) => preview(workspace, params.textDocument.uri, lang));

  workspace.documents.listen(connection);
  connection.listen();
}
