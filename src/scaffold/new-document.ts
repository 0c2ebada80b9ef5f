import { access } from 'node:fs/promises';
import { basename, dirname, extname, resolve } from 'node:path';
import { loadPortfolio } from '../model/load.js';
import { documentKinds } from '../model/vocabulary.js';
import { composeData, placementOf } from './compose-data.js';
import { findPack } from './find-pack.js';
import { keepManifest, recordPack } from './pack-record.js';
import { renderTemplate } from './render-template.js';
import { ScaffoldError } from './scaffold-error.js';
import { targetItems } from './target-items.js';
import { newKinds, type NewKind } from './template-data.js';
import { writeNew } from './write-new.js';

export interface NewDocumentOptions {
  /** A template pack folder whose templates and defaults replace the built-in ones. */
  template?: string;
  /** The day that sets 學年度/學期 and 日期 (default: today). */
  now?: Date;
}

const isNewKind = (kind: string): kind is NewKind => (newKinds as readonly string[]).includes(kind);

/** Writes one document of `kind` at `file` from its template; never replaces an existing file. */
export async function newDocument(kind: string, file: string, options: NewDocumentOptions = {}): Promise<{ path: string }> {
  if (!isNewKind(kind)) throw new ScaffoldError('kind-unknown', { kind, allowed: newKinds.join(', ') });
  const path = resolve(withExtension(kind, file));
  if (
    await access(path).then(
      () => true,
      () => false,
    )
  )
    throw new ScaffoldError('file-exists', { path: file });
  const pack = options.template ? await findPack(options.template) : undefined;
  const loaded = await loadPortfolio(dirname(path), dirname(path));
  const root = loaded.diagnostics.some((d) => d.ruleId === 'portfolio-missing') ? guessRoot(kind, path) : loaded.root;
  const data = composeData(kind, { now: options.now ?? new Date(), pack, portfolio: loaded.portfolio, placement: placementOf(kind, path, root) });
  if (kind === 'target') data.items = await targetItems(root, path, data.channel, data.admissionYear);
  if (!(await writeNew(path, recordPack(await renderTemplate(kind, data, pack), kind, pack)))) throw new ScaffoldError('file-exists', { path: file });
  await keepManifest(root, pack);
  return { path };
}

/** `x` → `x.md` (or `x.yaml` for a target); a wrong extension is refused rather than guessed. */
function withExtension(kind: NewKind, file: string): string {
  const allowed = kind === 'target' ? ['.yaml', '.yml'] : ['.md'];
  const ext = extname(file).toLowerCase();
  if (ext === '') return `${file}${allowed[0]}`;
  if (!allowed.includes(ext)) throw new ScaffoldError('file-extension', { path: file, kind, ext: allowed.join(' / ') });
  return file;
}

/** Without a portfolio.yaml, a file in courses/ (targets/ …) belongs to the folder above it. */
function guessRoot(kind: NewKind, path: string): string {
  const dir = dirname(path);
  const folder = kind === 'target' ? 'targets' : kind in documentKinds ? documentKinds[kind as keyof typeof documentKinds].folder : null;
  return folder && basename(dir) === folder ? dirname(dir) : dir;
}
