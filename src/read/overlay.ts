import { AsyncLocalStorage } from 'node:async_hooks';
import { resolve } from 'node:path';

/**
 * Texts that stand in for files on disk: an editor's unsaved buffers, by absolute path. Every
 * source read inside `withOverlay` sees them instead of the disk, so checking and typesetting an
 * unsaved document runs the one implementation of reading, loading and rules.
 */
export type Overlay = ReadonlyMap<string, string>;

const current = new AsyncLocalStorage<Overlay>();

/** Runs `work` with `overlay` in front of the disk (no overlay: the disk alone). */
export function withOverlay<T>(overlay: Overlay | undefined, work: () => Promise<T>): Promise<T> {
  return overlay && overlay.size > 0 ? current.run(overlay, work) : work();
}

/** The unsaved text standing in for `path`, if any. */
export const overlayText = (path: string): string | undefined => current.getStore()?.get(resolve(path));
