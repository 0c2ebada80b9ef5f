import { resolve } from 'node:path';
import type { Connection } from 'vscode-languageserver';
import { check, CheckMemo } from '../check.js';
import type { Diagnostic } from '../diagnostics.js';
import type { Lang } from '../messages.js';
import { toLspDiagnostic } from './to-lsp.js';
import { uriToPath, type Workspace } from './workspace.js';

interface RootState {
  running?: Promise<void>;
  /** A change came in while checking: check once more when done. */
  again: boolean;
}

/**
 * Diagnostics as you type: a change checks its portfolio with `check` over the open buffers, so
 * findings are `licheng check`'s own, cross-file ones included. What an earlier run found of the
 * documents not typed in (and of the targets that list none of those typed in) is used again.
 * Changes that come in while a check runs are folded into one more run; no timer delays the first.
 */
export class LiveCheck {
  private readonly roots = new Map<string, RootState>();
  private readonly memo = new CheckMemo();

  constructor(
    private readonly connection: Connection,
    private readonly workspace: Workspace,
    private readonly lang: Lang,
  ) {}

  /** Checks the portfolio again soon; resolves when the findings of this change are published. */
  schedule(root: string): Promise<void> {
    const state = this.state(root);
    if (state.running) {
      state.again = true;
      return state.running;
    }
    state.running = (async () => {
      do {
        state.again = false;
        await new Promise((done) => setImmediate(done));
        await this.run(root);
      } while (state.again);
      state.running = undefined;
    })();
    return state.running;
  }

  /** Files changed on disk (media, templates, documents outside the editor): every document is checked afresh. */
  forget(): void {
    this.memo.forget();
  }

  /** A closed or deleted file's findings leave the editor with it. */
  clear(uri: string): void {
    void this.connection.sendDiagnostics({ uri, diagnostics: [] });
  }

  private state(root: string): RootState {
    let state = this.roots.get(root);
    if (!state) this.roots.set(root, (state = { again: false }));
    return state;
  }

  private async run(root: string): Promise<void> {
    // The texts as they are now: what is published is said of exactly these versions.
    const open = this.workspace.documents
      .all()
      .map((document) => ({ uri: document.uri, version: document.version, text: document.getText(), path: uriToPath(document.uri) }));
    const overlay = new Map(open.flatMap(({ path, text }) => (path ? [[path, text] as const] : [])));
    const { diagnostics } = await check([root], { cwd: root, overlay, memo: this.memo }).catch((error: Error) => {
      this.connection.console.error(`licheng: checking ${root} failed: ${error.stack ?? error.message}`);
      return { diagnostics: [] as Diagnostic[] };
    });
    const byFile = new Map<string, Diagnostic[]>();
    for (const d of diagnostics) {
      const path = resolve(root, d.file);
      const found = byFile.get(path);
      if (found) found.push(d);
      else byFile.set(path, [d]);
    }
    // Every open document of this portfolio hears after each run, also that it has nothing (any more).
    for (const { uri, version, text, path } of open) {
      if (!path || (await this.workspace.rootOf(path)) !== root) continue;
      // Asked right before sending: a document closed meanwhile has had its findings cleared, and keeps them so.
      if (!this.workspace.documents.get(uri)) continue;
      const lines = text.split('\n');
      const found = (byFile.get(path) ?? []).map((d) => toLspDiagnostic(d, lines, this.lang));
      await this.connection.sendDiagnostics({ uri, version, diagnostics: found });
    }
  }
}
