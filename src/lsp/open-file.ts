import { basename, dirname, join, relative } from 'node:path';
import type { FrontMatter, MarkdownSource } from '../read/read-source.js';
import { parseYaml } from '../read/read-source.js';
import { withOverlay } from '../read/overlay.js';
import { loadDocument } from '../model/load.js';
import { kindModels, type PortfolioDocument } from '../model/document.js';
import type { KeyTable } from '../model/fields.js';
import { portfolioKeyTable } from '../model/portfolio.js';
import { targetKeyTable } from '../model/target.js';
import type { DocumentKind } from '../model/vocabulary.js';
import { uriToPath, type Workspace } from './workspace.js';

/** What an open file is to a portfolio. */
export type FileRole = 'document' | 'target' | 'portfolio';

/** An open file read as licheng reads it, from its unsaved text. */
export interface OpenFile {
  uri: string;
  path: string;
  root: string;
  text: string;
  role: FileRole;
  /** A document's kind (from its folder or its 種類). */
  kind?: DocumentKind;
  /** The alias table of its front matter or YAML. */
  table?: KeyTable;
  yaml?: FrontMatter;
  source?: MarkdownSource;
  /** The model, when the document has no error that stops loading. */
  document?: PortfolioDocument;
  /** The body and the keys that could be read, when its front matter could not be read whole. */
  partial?: PortfolioDocument;
}

/** Where a file sits in its portfolio: a target, portfolio.yaml, or (maybe) a document. */
export function roleOf(path: string, root: string): FileRole | undefined {
  if (/\.ya?ml$/i.test(path)) {
    if (basename(path) === 'portfolio.yaml' && dirname(path) === root) return 'portfolio';
    return dirname(path) === join(root, 'targets') ? 'target' : undefined;
  }
  return /\.md$/i.test(path) ? 'document' : undefined;
}

/** Reads an open (or saved) file of a portfolio the way check does, with every open buffer in front of the disk. */
export async function openFile(workspace: Workspace, uri: string): Promise<OpenFile | undefined> {
  const path = uriToPath(uri);
  const root = path && (await workspace.rootOf(path));
  if (!path || !root) return undefined;
  const role = roleOf(path, root);
  const text = workspace.documents.get(uri)?.getText();
  if (!role || text === undefined) return undefined;
  const base = { uri, path, root, text, role };
  if (role !== 'document') {
    const yaml = parseYaml(text, relative(root, path), 1).frontMatter;
    return { ...base, yaml, table: role === 'target' ? targetKeyTable : portfolioKeyTable };
  }
  const loaded = await withOverlay(workspace.overlay(), () => loadDocument(path, root, root));
  const table = loaded.kind ? kindModels[loaded.kind].keyTable : undefined;
  return { ...base, kind: loaded.kind, table, yaml: loaded.source?.frontMatter, source: loaded.source, document: loaded.document, partial: loaded.partial };
}
