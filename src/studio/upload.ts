import { createWriteStream } from 'node:fs';
import { mkdir, mkdtemp, realpath, rm } from 'node:fs/promises';
import type { IncomingMessage } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Transform } from 'node:stream';
import { compressFile, type CompressProgress, type CompressResult } from '../media/compress.js';
import { isInside } from '../read/resolve-asset.js';
import { TooLarge } from './http.js';
import { portable } from './portfolio-files.js';

/** A dropped file is read up to this size: a few minutes of phone video, far above any cap it is fitted under. */
export const uploadMaxBytes = 1_000_000_000;

/**
 * The name a dropped file is kept under: its own, without folders, control or reserved characters
 * (Windows and macOS refuse some), hidden-file dots or extension; `media` when nothing is left.
 */
export function sanitiseName(name: string): string {
  const file = name.split(/[\\/]/).at(-1) ?? '';
  const base = file.slice(0, file.length - extname(file).length);
  const clean = base
    .replace(/[\p{Cc}<>:"|?*]/gu, '')
    .replace(/\s+/g, '-')
    .replace(/^[.-]+|[.-]+$/g, '')
    .slice(0, 80);
  return clean || 'media';
}

/** Copies the request body into `path`, failing with TooLarge past `maxBytes`. */
async function receive(request: IncomingMessage, path: string, maxBytes: number): Promise<void> {
  let size = 0;
  const limit = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      size += chunk.length;
      done(size > maxBytes ? new TooLarge() : null, chunk);
    },
  });
  await pipeline(request, limit, createWriteStream(path));
}

/** The portfolio's `media/` folder, refused when it is a link leading out of the portfolio. */
async function mediaFolder(root: string): Promise<string | undefined> {
  const folder = join(root, 'media');
  await mkdir(folder, { recursive: true });
  return isInside(await realpath(root), await realpath(folder)) ? folder : undefined;
}

export interface Uploaded {
  /** The fitted file, relative to the portfolio root. */
  path: string;
  result: CompressResult;
}

/**
 * A dropped photo, video or recording: read into the temp folder (never into the portfolio unfitted),
 * fitted under its cap into `media/` under the first free name. MediaErrors pass through.
 */
export async function receiveUpload(
  request: IncomingMessage,
  root: string,
  name: string,
  onProgress: (p: CompressProgress) => void,
): Promise<Uploaded | 'outside'> {
  const folder = await mediaFolder(root);
  if (!folder) return 'outside';
  const scratch = await mkdtemp(join(tmpdir(), 'licheng-studio-'));
  try {
    const input = join(
      scratch,
      `upload${extname(name)
        .toLowerCase()
        .replace(/[^.a-z0-9]/g, '')}`,
    );
    await receive(request, input, uploadMaxBytes);
    const result = await compressFile(input, { outDir: folder, name: sanitiseName(name), onProgress });
    return { path: portable(root, result.path), result };
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}
