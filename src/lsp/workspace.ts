import { access, readdir } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { TextDocuments } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Overlay } from '../read/overlay.js';

export const uriToPath = (uri: string): string | undefined => (uri.startsWith('file:') ? resolve(fileURLToPath(uri)) : undefined);
export const pathToUri = (path: string): string => pathToFileURL(path).href;

const exists = (path: string) =>
  access(path).then(
    () => true,
    () => false,
  );

/** Folders a portfolio is looked for in, below a workspace folder: deep enough for a class's folder of students. */
const searchDepth = 2;
const unsearched = new Set(['node_modules', 'out', 'dist', 'media', '.git']);

/**
 * What the server knows of the editor's world: the open documents (their unsaved text is what
 * every feature reads) and the portfolios of the workspace folders.
 */
export class Workspace {
  readonly documents = new TextDocuments(TextDocument);
  /** Folders holding a portfolio.yaml: found under the workspace folders, or above an opened document. */
  readonly roots = new Set<string>();
  private readonly rootOfFolder = new Map<string, string | undefined>();

  /** The portfolios in the workspace folders (and their subfolders, a little way down). */
  async addFolders(folders: readonly string[]): Promise<void> {
    const search = async (dir: string, depth: number): Promise<void> => {
      if (await exists(join(dir, 'portfolio.yaml'))) {
        this.roots.add(dir);
        return;
      }
      if (depth === 0) return;
      const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
      for (const entry of entries)
        if (entry.isDirectory() && !entry.name.startsWith('.') && !unsearched.has(entry.name)) await search(join(dir, entry.name), depth - 1);
    };
    for (const folder of folders) await search(resolve(folder), searchDepth);
  }

  /** The portfolio a file belongs to: the nearest folder upward with a portfolio.yaml. */
  async rootOf(path: string): Promise<string | undefined> {
    const folder = dirname(path);
    if (this.rootOfFolder.has(folder)) return this.rootOfFolder.get(folder);
    let root: string | undefined;
    for (let dir = folder; ; dir = dirname(dir)) {
      if (this.roots.has(dir) || (await exists(join(dir, 'portfolio.yaml')))) {
        root = dir;
        break;
      }
      if (dirname(dir) === dir) break;
    }
    if (root) this.roots.add(root);
    this.rootOfFolder.set(folder, root);
    return root;
  }

  /** A portfolio.yaml created or deleted changes which folder is whose. */
  forgetRoots(): void {
    this.rootOfFolder.clear();
  }

  /** Every open document's unsaved text, by absolute path. */
  overlay(): Overlay {
    const texts = new Map<string, string>();
    for (const document of this.documents.all()) {
      const path = uriToPath(document.uri);
      if (path) texts.set(path, document.getText());
    }
    return texts;
  }

  /** The open document of a file (the client's own URI spelling may differ from ours). */
  opened(path: string): TextDocument | undefined {
    return this.documents.get(pathToUri(path)) ?? this.documents.all().find((d) => uriToPath(d.uri) === path);
  }
}
