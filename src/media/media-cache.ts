import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, readdir, readFile, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { cacheDirectory } from '../cache-directory.js';
import { copyAtomically } from '../emit/atomic.js';
import { version } from '../version.js';
import type { CompressResult } from './compress.js';

/** Fitted media kept at most; the least recently used go first. */
const maxCacheBytes = 2_000_000_000;

/** What is kept of a result beside its file: all but where it was written. */
type Kept = Omit<CompressResult, 'input' | 'path'> & { extension: string };

/** The cache folder, or undefined when there is none (LICHENG_MEDIA_CACHE=0, no home folder). */
function folder(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (env.LICHENG_MEDIA_CACHE === '0') return undefined;
  try {
    return join(cacheDirectory(env), 'media');
  } catch {
    return undefined;
  }
}

/** sha256 of a file, streamed: a two-hour video is not read into memory. */
export async function fileHash(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/**
 * A clip fitted once: the result of `fit` for the same file content and the same settings is kept in
 * the user's cache folder and copied into place afterwards, so a rebuild, the `pack` after a `build`
 * and every student of a batch sharing a clip do no encoding. The cache is only an optimisation: a
 * folder that cannot be written or a damaged entry means fitting as usual.
 */
export async function cachedFit(input: string, outPath: string, settings: object, fit: () => Promise<CompressResult>): Promise<CompressResult> {
  const dir = folder();
  if (!dir) return fit();
  const key = createHash('sha256').update(JSON.stringify({ content: await fileHash(input), settings, licheng: version })).digest('hex').slice(0, 40);
  const base = outPath.slice(0, outPath.length - extname(outPath).length);
  const kept = await readFile(join(dir, `${key}.json`), 'utf8').then((text) => JSON.parse(text) as Kept, () => undefined);
  if (kept) {
    const cached = join(dir, `${key}${kept.extension}`);
    const size = await stat(cached).then((s) => s.size, () => -1);
    if (size === kept.bytes) {
      const path = `${base}${kept.extension}`;
      await copyAtomically(cached, path);
      const now = new Date();
      await utimes(join(dir, `${key}.json`), now, now).catch(() => undefined);
      const { extension: _, ...result } = kept;
      return { ...result, input, path };
    }
  }
  const result = await fit();
  await keep(dir, key, result).catch(() => undefined);
  return result;
}

async function keep(dir: string, key: string, result: CompressResult): Promise<void> {
  await mkdir(dir, { recursive: true });
  const extension = extname(result.path);
  await copyAtomically(result.path, join(dir, `${key}${extension}`));
  const { input: _, path: __, ...rest } = result;
  await writeFile(join(dir, `${key}.json`), JSON.stringify({ ...rest, extension } satisfies Kept));
  await trim(dir);
}

/** Keeps the folder under its size: entries by last use, oldest removed first. */
async function trim(dir: string): Promise<void> {
  const names = await readdir(dir);
  const entries = await Promise.all(
    names.filter((n) => n.endsWith('.json')).map(async (n) => {
      const key = n.slice(0, -5);
      const files = names.filter((m) => m.startsWith(key));
      const sizes = await Promise.all(files.map((m) => stat(join(dir, m)).then((s) => s.size, () => 0)));
      return { files, bytes: sizes.reduce((a, b) => a + b, 0), used: (await stat(join(dir, n))).mtimeMs };
    }),
  );
  let total = entries.reduce((a, e) => a + e.bytes, 0);
  for (const entry of entries.sort((a, b) => a.used - b.used)) {
    if (total <= maxCacheBytes) break;
    await Promise.all(entry.files.map((m) => rm(join(dir, m), { force: true })));
    total -= entry.bytes;
  }
}
