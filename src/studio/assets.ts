import { readdir, readFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { packageRoot } from '../paths.js';

const types: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.bcmap': 'application/octet-stream',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

export interface Asset {
  type: string;
  body: Buffer;
}

/**
 * The page's files, all from licheng's own package (the studio works with no network): the studio
 * bundle and the preview component, by URL path. Only what these folders held at start is served.
 */
export async function loadAssets(): Promise<Map<string, Asset>> {
  const assets = new Map<string, Asset>();
  for (const part of ['studio', 'preview']) {
    const folder = join(packageRoot, 'dist', 'web', part);
    const entries = await readdir(folder, { withFileTypes: true, recursive: true }).catch(() => []);
    for (const entry of entries) {
      const type = types[extname(entry.name)];
      if (!entry.isFile() || !type) continue;
      const path = join(entry.parentPath, entry.name);
      const url = `/assets/${part}/${path.slice(folder.length + 1).split(/[\\/]/).join('/')}`;
      assets.set(url, { type, body: await readFile(path) });
    }
  }
  return assets;
}
