import * as vscode from 'vscode';
import { LanguageClient, type LanguageClientOptions } from 'vscode-languageclient/node';
import { newDocumentCommand } from './new-document.js';
import { PreviewPanel } from './preview-panel.js';
import { documentStatusRequest, serverCommands, targetsRequest, type DocumentStatus, type TargetReadiness } from './protocol.js';
import { ReadinessView } from './readiness-view.js';
import type { ReadinessItem } from './readiness.js';
import { isPreviewable, isTarget, portfolioPatterns } from './selectors.js';
import { runServerCommand } from './server-command.js';
import { startServer } from './server-process.js';
import { statusText } from './status.js';
import { stringsFor, uiLangOf } from './strings.js';

let client: LanguageClient | undefined;

/**
 * The thin client: starts the bundled language server and connects VS Code's commands, views,
 * preview panel and status bar to it. Everything a student sees is decided in the server or in the
 * plain modules beside this one.
 */
export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const lang = uiLangOf(vscode.env.language);
  const strings = stringsFor(lang);
  const cli = context.asAbsolutePath('server/dist/licheng/main.cjs');
  const clientOptions: LanguageClientOptions = {
    documentSelector: portfolioPatterns.map((pattern) => ({ scheme: 'file', pattern })),
    synchronize: { fileEvents: vscode.workspace.createFileSystemWatcher('**/{*.md,*.yaml,*.yml,media/**}') },
  };
  client = new LanguageClient('licheng', 'licheng', async () => startServer(cli, lang), clientOptions);
  try {
    await client.start();
  } catch (error) {
    void vscode.window.showErrorMessage(strings.serverFailed(error instanceof Error ? error.message : String(error)));
    return;
  }
  const server = client;

  const preview = new PreviewPanel(server, context.extensionUri, lang, strings);
  const readiness = new ReadinessView(server, strings);
  const status = vscode.window.createStatusBarItem(vscode.StatusBarAlignment.Right, 100);
  status.tooltip = strings.statusTooltip;
  status.command = 'licheng.openPreview';

  let statusTimer: ReturnType<typeof setTimeout> | undefined;
  const updateStatus = () => {
    clearTimeout(statusTimer);
    statusTimer = setTimeout(async () => {
      const document = vscode.window.activeTextEditor?.document;
      if (!document || !isPreviewable(document.uri.fsPath)) return void status.hide();
      const answer = await server.sendRequest<DocumentStatus>(documentStatusRequest, { textDocument: { uri: document.uri.toString() } }).catch(() => undefined);
      const shown = answer && statusText(answer, strings);
      if (!shown) return void status.hide();
      status.text = `$(file-pdf) ${shown.text}`;
      status.backgroundColor = shown.over ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
      status.show();
    }, 300);
  };

  const activeDocument = (uri?: vscode.Uri) => uri ?? vscode.window.activeTextEditor?.document.uri;
  /** The target a Pack click, the explorer, the open target file or, failing those, the student names. */
  const targetToPack = async (item?: ReadinessItem | vscode.Uri): Promise<string | undefined> => {
    if (item instanceof vscode.Uri) return item.toString();
    if (item?.targetUri) return item.targetUri;
    const open = vscode.window.activeTextEditor?.document.uri;
    if (open && isTarget(open.fsPath)) return open.toString();
    const targets = await server.sendRequest<TargetReadiness[]>(targetsRequest, {}).catch(() => []);
    const picked = await vscode.window.showQuickPick(
      targets.map((t) => ({ label: t.name, description: t.channel, uri: t.uri })),
      { placeHolder: strings.pickTarget },
    );
    return picked?.uri;
  };
  /** The document to preview: the one the command names (opened if it is not yet) or the active one. */
  const previewable = async (uri?: vscode.Uri): Promise<vscode.TextDocument | undefined> => {
    const target = activeDocument(uri);
    if (target && isPreviewable(target.fsPath)) return vscode.workspace.openTextDocument(target);
    void vscode.window.showWarningMessage(strings.noPortfolioDocument);
    return undefined;
  };
  context.subscriptions.push(
    preview,
    status,
    vscode.window.registerTreeDataProvider('licheng.readiness', readiness),
    vscode.languages.onDidChangeDiagnostics(() => readiness.refreshSoon()),
    vscode.workspace.onDidSaveTextDocument(() => readiness.refreshSoon()),
    vscode.window.onDidChangeActiveTextEditor(updateStatus),
    vscode.workspace.onDidChangeTextDocument((event) => event.document === vscode.window.activeTextEditor?.document && updateStatus()),
    vscode.commands.registerCommand('licheng.openPreview', async (uri?: vscode.Uri) => {
      const document = await previewable(uri);
      if (document) preview.open(document);
    }),
    vscode.commands.registerCommand('licheng.openPreviewInBrowser', async (uri?: vscode.Uri) => {
      const document = await previewable(uri);
      if (document) void vscode.window.setStatusBarMessage(strings.browserAddress(await preview.openInBrowser(document)), 10_000);
    }),
    vscode.commands.registerCommand('licheng.buildPdf', (uri?: vscode.Uri) =>
      runServerCommand(server, serverCommands.build, activeDocument(uri)?.toString(), strings.working(strings.building), strings),
    ),
    vscode.commands.registerCommand('licheng.packTarget', async (item?: ReadinessItem | vscode.Uri) => {
      const target = await targetToPack(item);
      if (target) await runServerCommand(server, serverCommands.pack, target, strings.working(strings.packing), strings);
    }),
    vscode.commands.registerCommand('licheng.compressMedia', async (uri?: vscode.Uri) => {
      const file = uri ?? (await vscode.window.showOpenDialog({ title: strings.pickMedia, canSelectMany: false }))?.[0];
      if (file) await runServerCommand(server, serverCommands.compress, file.toString(), strings.working(strings.compressing), strings);
    }),
    vscode.commands.registerCommand('licheng.newDocument', () => newDocumentCommand(cli, strings, lang)),
    vscode.commands.registerCommand('licheng.refreshReadiness', () => readiness.refreshSoon()),
  );
  updateStatus();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
