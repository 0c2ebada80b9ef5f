import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { startBrowserPreview, type BrowserPreview } from './browser-preview.js';
import { previewRequest, type PreviewResult } from './protocol.js';
import { previewFeed, type PreviewFeed } from './preview-feed.js';
import { isPreviewable } from './selectors.js';
import type { Strings, UiLang } from './strings.js';
import { webviewHtml } from './webview-html.js';
import type { FromPreview, ToPreview } from './webview-messages.js';

/**
 * The preview beside the editor and, when asked, in a browser tab: follows the active portfolio
 * document, refreshed as it is typed, scrolled to the cursor; a click in it moves the cursor to the
 * source line.
 */
export class PreviewPanel implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private browser: BrowserPreview | undefined;
  private document: vscode.TextDocument | undefined;
  private feed: PreviewFeed | undefined;
  private ready = false;
  private pending: ToPreview[] = [];
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(
    private readonly client: LanguageClient,
    private readonly extensionUri: vscode.Uri,
    private readonly lang: UiLang,
    private readonly strings: Strings,
  ) {
    this.subscriptions.push(
      vscode.workspace.onDidChangeTextDocument((event) => {
        if (event.document === this.document) this.feed?.changed();
      }),
      // A saved portfolio.yaml (theme, font) or target changes the PDF too.
      vscode.workspace.onDidSaveTextDocument((saved) => {
        if (saved !== this.document) this.feed?.changed();
      }),
      vscode.window.onDidChangeActiveTextEditor((editor) => {
        if ((this.panel || this.browser) && editor && isPreviewable(editor.document.uri.fsPath)) this.follow(editor.document);
      }),
      vscode.window.onDidChangeTextEditorSelection((event) => {
        if (event.textEditor.document === this.document && event.kind !== vscode.TextEditorSelectionChangeKind.Command) {
          this.post({ type: 'reveal', line: event.selections[0]!.active.line });
        }
      }),
    );
  }

  open(document: vscode.TextDocument): void {
    if (!this.panel) {
      const root = vscode.Uri.joinPath(this.extensionUri, 'dist', 'web');
      this.panel = vscode.window.createWebviewPanel(
        'licheng.preview',
        '',
        { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
        {
          enableScripts: true,
          retainContextWhenHidden: true,
          localResourceRoots: [root],
        },
      );
      const file = (name: string) => this.panel!.webview.asWebviewUri(vscode.Uri.joinPath(root, name)).toString();
      this.panel.webview.html = webviewHtml({
        cspSource: this.panel.webview.cspSource,
        nonce: Math.random().toString(36).slice(2) + Date.now().toString(36),
        script: file('preview/vscode-webview.js'),
        style: file('preview/preview.css'),
        worker: file('preview/pdf.worker.min.mjs'),
        lang: this.lang,
      });
      this.panel.webview.onDidReceiveMessage((message: FromPreview) => this.received(message), undefined, this.subscriptions);
      this.panel.onDidDispose(() => this.closed(), undefined, this.subscriptions);
    }
    this.panel.reveal(vscode.ViewColumn.Beside, true);
    this.follow(document);
  }

  /** The same preview in the student's browser (a bigger screen, a second monitor); returns its address. */
  async openInBrowser(document: vscode.TextDocument): Promise<string> {
    this.browser ??= await startBrowserPreview({
      pageDir: vscode.Uri.joinPath(this.extensionUri, 'dist', 'web', 'preview').fsPath,
      lang: this.lang,
      onReveal: (line) => this.received({ type: 'reveal', line }),
    });
    if (document === this.document) this.feed?.changed();
    else this.follow(document);
    await vscode.env.openExternal(vscode.Uri.parse(this.browser.url));
    return this.browser.url;
  }

  private follow(document: vscode.TextDocument): void {
    if (document === this.document) return;
    this.feed?.dispose();
    this.document = document;
    if (this.panel) this.panel.title = this.strings.previewTitle(vscode.workspace.asRelativePath(document.uri));
    this.feed = previewFeed(document.uri.toString(), {
      request: (uri) => this.client.sendRequest<PreviewResult>(previewRequest, { textDocument: { uri } }),
      post: (message) => this.post(message),
    });
    this.feed.changed();
  }

  private post(message: ToPreview): void {
    this.browser?.post(message);
    if (!this.panel) return;
    if (this.ready) void this.panel.webview.postMessage(message);
    else this.pending.push(message);
  }

  private received(message: FromPreview): void {
    if (message.type === 'ready') {
      this.ready = true;
      for (const queued of this.pending.splice(0)) void this.panel?.webview.postMessage(queued);
    } else if (message.type === 'reveal' && this.document) {
      const position = new vscode.Position(message.line, 0);
      const shown = vscode.window.visibleTextEditors.find((editor) => editor.document === this.document);
      void vscode.window.showTextDocument(this.document, { viewColumn: shown?.viewColumn, selection: new vscode.Range(position, position) });
    }
  }

  private closed(): void {
    this.panel = undefined;
    this.ready = false;
    this.pending = [];
    if (this.browser) return;
    this.feed?.dispose();
    this.feed = undefined;
    this.document = undefined;
  }

  dispose(): void {
    this.panel?.dispose();
    void this.browser?.close();
    for (const subscription of this.subscriptions) subscription.dispose();
  }
}
