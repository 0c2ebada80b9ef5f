import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { diagnostic, type Diagnostic } from '../diagnostics.js';
import { copyAtomically } from '../infra/atomic.js';
import { removeOnInterrupt } from '../infra/interrupt.js';
import { writeAtomic } from '../infra/write-atomic.js';
import { commitFolder, discardFolder, NotOursError, removeDeadFolders, replaceable } from '../output-folder.js';
import { sha256 } from '../emit/render-document.js';

export interface BundleFile {
  name: string;
  bytes: number;
  pages: number;
  sha256: string;
}

/** A bundle licheng wrote ends with its manifest.json (`generator: 'licheng'`): only such a folder is replaced. */
export const bundleMarker = 'manifest.json';

/**
 * Files of a bundle written into its temporary folder side by side while the bundle goes on,
 * each listed (for the manifest) in the order it is added; `finish` awaits them all, then writes the manifest.
 */
export class BundleWriter {
  readonly files: BundleFile[] = [];
  private readonly pending: Promise<void>[] = [];
  private failed: NodeJS.ErrnoException | undefined;

  constructor(readonly dir: string) {}

  /** Caught at once: a write failing while the bundle is still being typeset must not go unhandled. */
  private later(writing: Promise<void>): void {
    this.pending.push(writing.catch((error: NodeJS.ErrnoException) => void (this.failed ??= error)));
  }

  /** A file of the bundle, listed. */
  write(name: string, data: Buffer, pages: number): void {
    this.later(writeAtomic(join(this.dir, name), data));
    this.files.push({ name, bytes: data.length, pages, sha256: sha256(data) });
  }

  /** A file a build already made (a fitted 影音檔), copied in and listed with what the build measured. */
  copy(name: string, from: string, file: Omit<BundleFile, 'name'>): void {
    this.later(copyAtomically(from, join(this.dir, name)));
    this.files.push({ name, ...file });
  }

  /** A file made in the folder by someone else (a fitted 影音檔), only listed. */
  list(file: BundleFile): void {
    this.files.push(file);
  }

  /** A file of the folder that is not an upload (checklist.md, checklist.pdf): written, not listed. */
  extra(name: string, data: string | Buffer): void {
    this.later(writeAtomic(join(this.dir, name), data));
  }

  /** Waits for every write; throws the first that failed, else writes the manifest, last. */
  async finish(manifest: () => object): Promise<void> {
    await Promise.all(this.pending);
    if (this.failed) throw this.failed;
    await writeAtomic(join(this.dir, bundleMarker), JSON.stringify(manifest(), null, 2) + '\n');
  }
}

/** Where a bundle goes and what to say when it cannot. */
export interface BundleFolder {
  /** DIR/targets/<name>. */
  final: string;
  /** The target file, where problems of the folder are reported. */
  displayPath: string;
  /** `final` as the user named it, for messages. */
  shown: string;
}

/**
 * A bundle is made whole in a temporary folder beside its place, then renamed into place: the
 * folder is a complete bundle of this run, or absent (a failed pack also clears the previous run's,
 * which would pose as this one's). A folder there that licheng did not write is left alone.
 */
export async function commitBundle<R extends { ok: boolean; diagnostics: Diagnostic[] }>(
  folder: BundleFolder,
  make: (work: string) => Promise<R>,
): Promise<R | Diagnostic> {
  const parent = join(folder.final, '..');
  const name = folder.final.slice(parent.length + 1);
  const work = join(parent, `.${name}.tmp-${process.pid}`);
  const notOurs = () => diagnostic(folder.displayPath, undefined, 'error', 'out-not-ours', { path: folder.shown });
  if (!(await replaceable(folder.final, bundleMarker))) return notOurs();
  const forget = removeOnInterrupt(work);
  try {
    await removeDeadFolders(parent);
    await rm(work, { recursive: true, force: true });
    const result = await make(work);
    try {
      if (result.ok) await commitFolder(work, folder.final, bundleMarker);
      else await discardFolder(work, folder.final, bundleMarker);
    } catch (error) {
      result.ok = false;
      result.diagnostics.push(
        error instanceof NotOursError
          ? notOurs()
          : diagnostic(folder.displayPath, undefined, 'error', 'write-failed', {
              path: folder.final,
              reason: (error as NodeJS.ErrnoException).code ?? String(error),
            }),
      );
    }
    return result;
  } finally {
    await rm(work, { recursive: true, force: true });
    forget();
  }
}
