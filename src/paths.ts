import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/**
 * licheng's own folder (where its package.json is), found upward from this module: the same
 * answer from `dist/` as compiled, from the bundled CLI in `dist/licheng/`, and from `src/` in tests.
 */
function findPackageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'licheng') return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error('licheng: cannot find its package.json');
    dir = parent;
  }
}

export const packageRoot = findPackageRoot();
export const templatesDir = join(packageRoot, 'templates');
/** Template packs shipped with licheng, found by name (`--template physics-inquiry`). */
export const packsDir = join(templatesDir, 'packs');

/** A worker thread's script: always the compiled module under dist/, which every install has. */
export const workerScript = (name: string): URL => pathToFileURL(join(packageRoot, 'dist', name));
