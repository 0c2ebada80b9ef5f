import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { targetsRequest, type TargetReadiness } from './protocol.js';
import { readinessTree, type ReadinessItem } from './readiness.js';
import type { Strings } from './strings.js';

/** The 上傳準備 / Upload readiness view, redrawn from `licheng/targets` whenever problems change. */
export class ReadinessView implements vscode.TreeDataProvider<ReadinessItem> {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly client: LanguageClient,
    private readonly strings: Strings,
  ) {}

  /** Asks again after problems settle (diagnostics arrive per file, several at once). */
  refreshSoon(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.changed.fire(), 400);
  }

  async getChildren(item?: ReadinessItem): Promise<ReadinessItem[]> {
    if (item) return item.children;
    // A server still starting (or without targets support) leaves the view to its welcome text.
    const targets = await this.client.sendRequest<TargetReadiness[]>(targetsRequest, {}).catch(() => []);
    return readinessTree(targets, this.strings);
  }

  getTreeItem(item: ReadinessItem): vscode.TreeItem {
    const tree = new vscode.TreeItem(item.label, item.children.length ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.None);
    tree.description = item.description;
    tree.tooltip = item.tooltip;
    tree.contextValue = item.contextValue;
    tree.iconPath = new vscode.ThemeIcon(item.icon);
    if (item.uri) tree.command = { command: 'vscode.open', title: '', arguments: [vscode.Uri.parse(item.uri)] };
    return tree;
  }
}
