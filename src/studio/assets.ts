import { readdir } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { bundledFonts } from '../layout/theme.js';
import { packageRoot } from '../paths.js';

const types: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.ttf': 'font/ttf',
};

export interface Asset {
  type: string;
  path: string;
}

/**
 * The page's files, all from licheng's own package (the studio works with no network): the studio
 * bundle, the preview component, and the PDFs' own Chinese font for the page's text where the
 * computer has none. Only what these folders held at start is served, read when asked for.
 */
export async function findAssets(): Promise<Map<string, Asset>> {
  const assets = new Map<string, Asset>([['/assets/fonts/noto-sans-tc.ttf', { type: types['.ttf']!, path: bundledFonts.sans.regular }]]);
  for (const part of ['studio', 'preview']) {
    const folder = join(packageRoot, 'dist', 'web', part);
    const entries = await readdir(folder, { withFileTypes: true, recursive: true }).catch(() => []);
    for (const entry of entries) {
      const type = types[extname(entry.name)];
      if (!entry.isFile() || !type) continue;
      const path = join(entry.parentPath, entry.name);
      assets.set(
        `/assets/${part}/${path
          .slice(folder.length + 1)
          .split(/[\\/]/)
          .join('/')}`,
        { type, path },
      );
    }
  }
  return assets;
}
