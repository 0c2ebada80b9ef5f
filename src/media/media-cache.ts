import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, readdir, readFile, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { cacheDirectory } from '../cache-directory.js';
import { copyAtomically, writeAtomically } from '../infra/atomic.js';
import { version } from '../version.js';
import type { CompressResult } from './compress.js';

/** Fitted media and images kept at most; the least recently used go first. */
const maxCacheBytes = 2_000_000_000;
/** Entries written between two trims: a trim reads the whole folder, too slow after each of a document's images. */
const writesPerTrim = 64;
let writesSinceTrim = 0;

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

/** An entry's name: the input's content hash and every setting that shapes the output, and licheng's version. */
const entryKey = (key: object) =>
  createHash('sha256')
    .update(JSON.stringify({ ...key, licheng: version }))
    .digest('hex')
    .slice(0, 40);

/** An entry is `KEY.json` (what is known of the result, touched on each use) beside its file `KEY` + extension. */
async function readEntry<T extends { bytes: number; extension: string }>(dir: string, key: string): Promise<{ kept: T; file: string } | undefined> {
  const kept = await readFile(join(dir, `${key}.json`), 'utf8').then(
    (text) => JSON.parse(text) as T,
    () => undefined,
  );
  if (!kept) return undefined;
  const file = join(dir, `${key}${kept.extension}`);
  // A file cut short (a full disk, a killed copy) is no entry.
  if (
    (await stat(file).then(
      (s) => s.size,
      () => -1,
    )) !== kept.bytes
  )
    return undefined;
  const now = new Date();
  await utimes(join(dir, `${key}.json`), now, now).catch(() => undefined);
  return { kept, file };
}

async function writeEntry(dir: string, key: string, kept: { bytes: number; extension: string }, write: (file: string) => Promise<void>): Promise<void> {
  await mkdir(dir, { recursive: true });
  await write(join(dir, `${key}${kept.extension}`));
  await writeFile(join(dir, `${key}.json`), JSON.stringify(kept));
  if (writesSinceTrim++ % writesPerTrim === 0) await trim(dir);
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
  const key = entryKey({ content: await fileHash(input), settings });
  const found = await readEntry<Kept>(dir, key);
  if (found) {
    const path = `${outPath.slice(0, outPath.length - extname(outPath).length)}${found.kept.extension}`;
    await copyAtomically(found.file, path);
    const { extension: _, ...result } = found.kept;
    return { ...result, input, path };
  }
  const result = await fit();
  const { input: _, path: __, ...rest } = result;
  await writeEntry(dir, key, { ...rest, extension: extname(result.path) }, (file) => copyAtomically(result.path, file)).catch(() => undefined);
  return result;
}

/**
 * Bytes made once for a key (an image's content hash and its encoding settings): a rebuild with
 * unchanged images encodes none. Same folder, same rules as `cachedFit`.
 */
export async function cachedData(key: object, make: () => Promise<Buffer>): Promise<Buffer> {
  const dir = folder();
  if (!dir) return make();
  const name = entryKey(key);
  const found = await readEntry(dir, name);
  const kept = found && (await readFile(found.file).catch(() => undefined));
  if (kept) return kept;
  const data = await make();
  await writeEntry(dir, name, { bytes: data.length, extension: '.bin' }, (file) => writeAtomically(file, data)).catch(() => undefined);
  return data;
}

/** Keeps the folder under its size: entries by last use, oldest removed first. */
async function trim(dir: string): Promise<void> {
  const names = await readdir(dir);
  const entries = await Promise.all(
    names
      .filter((n) => n.endsWith('.json'))
      .map(async (n) => {
        const key = n.slice(0, -5);
        const files = names.filter((m) => m.startsWith(key));
        const sizes = await Promise.all(
          files.map((m) =>
            stat(join(dir, m)).then(
              (s) => s.size,
              () => 0,
            ),
          ),
        );
        return {
          files,
          bytes: sizes.reduce((a, b) => a + b, 0),
          used: await stat(join(dir, n)).then(
            (s) => s.mtimeMs,
            () => 0,
          ),
        };
      }),
  );
  let total = entries.reduce((a, e) => a + e.bytes, 0);
  for (const entry of entries.sort((a, b) => a.used - b.used)) {
    if (total <= maxCacheBytes) break;
    await Promise.all(entry.files.map((m) => rm(join(dir, m), { force: true })));
    total -= entry.bytes;
  }
}
