import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { diagnostic, type Diagnostic } from '../diagnostics.js';
import { imageInfo, loadSharp, type ImageInfo } from '../media/encode-image.js';
import { sniff } from '../media/sniff.js';
import type { AssetRef } from './markdown-images.js';
import { nearMiss } from './near-miss.js';
import { imageProblem, resolveAsset } from './resolve-asset.js';

export interface SourceImage {
  url: string;
  path: string;
  width: number;
  height: number;
  png: boolean;
  /** sha256 of the file: what the encodings of it are cached by. */
  hash: string;
}

/** Finds, checks and measures every image of a document; problems become diagnostics at the image. */
export async function findImages(
  refs: readonly AssetRef[],
  file: string,
  displayPath: string,
  root: string,
): Promise<{ images: SourceImage[]; diagnostics: Diagnostic[] }> {
  const diagnostics: Diagnostic[] = [];
  const images: SourceImage[] = [];
  const seen = new Set<string>();
  for (const { url, place } of refs) {
    if (seen.has(url)) continue;
    seen.add(url);
    const resolved = resolveAsset(file, url, root);
    if ('problem' in resolved) {
      const near = resolved.problem === 'missing' ? nearMiss(file, url, root) : undefined;
      diagnostics.push(diagnostic(displayPath, place, 'error', imageProblem[resolved.problem], { path: url, ...near }));
      continue;
    }
    const probed = await probeImage(resolved.path);
    if ('info' in probed) {
      const { info } = probed;
      images.push({
        url,
        path: resolved.path,
        hash: probed.hash,
        width: info.width,
        height: info.height,
        png: info.format === 'png' || (info.hasAlpha && info.format !== 'jpeg'),
      });
    } else {
      diagnostics.push(diagnostic(displayPath, place, 'error', probed.problem, { path: url, reason: probed.reason }));
    }
  }
  return { images, diagnostics };
}

export type ImageProbe = { info: ImageInfo; hash: string } | { problem: 'image-heic' | 'image-undecodable'; reason: string };

/** Probes by file content, so `check` and then the build of the same document decode each image once. */
const probes = new Map<string, Promise<ImageProbe>>();
const probesKept = 256;

/**
 * Decodes every pixel of an image (at a small size: quick) as typesetting will, so a file whose
 * header reads but whose data does not (a truncated JPEG, a HEIC this sharp has no decoder for)
 * is found by `check`, at the image, and never half-way through a build.
 */
export async function probeImage(path: string): Promise<ImageProbe> {
  let data: Buffer;
  try {
    data = await readFile(path);
  } catch (error) {
    return { problem: 'image-undecodable', reason: (error as NodeJS.ErrnoException).code ?? String(error) };
  }
  const key = createHash('sha256').update(data).digest('hex');
  let probe = probes.get(key);
  if (!probe) {
    probe = decode(data, path, key);
    probes.set(key, probe);
    if (probes.size > probesKept) probes.delete(probes.keys().next().value!);
  }
  return probe;
}

async function decode(data: Buffer, path: string, hash: string): Promise<ImageProbe> {
  try {
    const info = await imageInfo(data);
    const sharp = await loadSharp();
    await sharp(data, { failOn: 'error' }).resize(256, 256, { fit: 'inside' }).raw().toBuffer();
    return { info, hash };
  } catch (error) {
    // An iPhone photo, whatever its name: sharp's prebuilt libheif reads HEIC headers but has no HEVC decoder.
    if ((await sniff(path).catch(() => undefined))?.image === 'heic') return { problem: 'image-heic', reason: '' };
    return { problem: 'image-undecodable', reason: (error as Error).message.split('\n')[0] ?? '' };
  }
}
