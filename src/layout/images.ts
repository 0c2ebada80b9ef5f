import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { Definition, Root } from 'mdast';
import { diagnostic, type Diagnostic, type Position } from '../diagnostics.js';
import { imageProblem, resolveAsset } from '../read/resolve-asset.js';
import { nearMiss } from '../read/near-miss.js';
import { encodeImage, imageInfo, loadSharp, type EncodeOptions, type ImageInfo } from '../media/encode-image.js';
import { cachedData } from '../media/media-cache.js';
import { sniff } from '../media/sniff.js';
import { imageUrls, type PlacedImage } from './markdown.js';
import { textHeight, textWidth, type Theme } from './theme.js';

/** Print resolution images are downsampled to, and the size a small image is shown at. */
const printDpi = 300;
const naturalDpi = 150;

export interface ImageQuality {
  jpegQuality: number;
  /** Multiplies the print resolution when a document must shrink to fit its cap. */
  resolution: number;
  /** Photos saved as PNG become JPEG once a document has to shrink. */
  keepPng: boolean;
}

/** What generated documents (表A, 表B) print their images at; they carry few. */
export const defaultQuality: ImageQuality = { jpegQuality: 82, resolution: 1, keepPng: true };

export interface SourceImage {
  url: string;
  path: string;
  width: number;
  height: number;
  png: boolean;
  /** sha256 of the file: what the encodings of it are cached by. */
  hash: string;
}

/** An image or evidence file named in a document, and where it is named. */
export interface AssetRef {
  url: string;
  place: Position | undefined;
}

/** The images written in Markdown, at their nodes. */
export function markdownImageRefs(tree: Root, definitions: ReadonlyMap<string, Definition>): AssetRef[] {
  return imageUrls(tree.children, definitions).map(({ url, node }) => ({
    url,
    place: node.position ? { line: node.position.start.line, column: node.position.start.column } : undefined,
  }));
}

/** Finds, checks and measures every image of a document; problems become diagnostics at the image. */
export async function findImages(refs: readonly AssetRef[], file: string, displayPath: string, root: string): Promise<{ images: SourceImage[]; diagnostics: Diagnostic[] }> {
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
      images.push({ url, path: resolved.path, hash: probed.hash, width: info.width, height: info.height, png: info.format === 'png' || (info.hasAlpha && info.format !== 'jpeg') });
    } else {
      diagnostics.push(diagnostic(displayPath, place, 'error', probed.problem, { path: url, reason: probed.reason }));
    }
  }
  return { images, diagnostics };
}

/** Placed size in points: the image's natural size, fitted into the text width and 40 % of the page height. */
export function placedSize(image: { width: number; height: number }, theme: Theme): { width: number; height: number } {
  const natural = { width: (image.width * 72) / naturalDpi, height: (image.height * 72) / naturalDpi };
  const scale = Math.min(1, textWidth(theme) / natural.width, (textHeight(theme) * 0.4) / natural.height);
  return { width: natural.width * scale, height: natural.height * scale };
}

/** How an image is encoded at a quality: the pixels it is printed at, JPEG or PNG. */
export function encodeOptions(image: SourceImage, theme: Theme, quality: ImageQuality): EncodeOptions {
  const size = placedSize(image, theme);
  const dpi = printDpi * quality.resolution;
  return {
    maxWidth: Math.max(16, (size.width / 72) * dpi),
    maxHeight: Math.max(16, (size.height / 72) * dpi),
    format: image.png && quality.keepPng ? 'png' : 'jpeg',
    quality: quality.jpegQuality,
  };
}

/** An image encoded, or the same encoding from the cache. */
export function encoded(image: SourceImage, options: EncodeOptions): Promise<Buffer> {
  return cachedData({ image: image.hash, ...options }, async () => (await encodeImage(image.path, options)).data);
}

/** Encodes each image at the pixels it is printed at, as data URLs (pdfmake takes no Buffers). */
export async function placeImages(images: readonly SourceImage[], theme: Theme, quality: ImageQuality): Promise<Map<string, PlacedImage & { bytes: number }>> {
  const placed = await Promise.all(
    images.map(async (image) => {
      const options = encodeOptions(image, theme, quality);
      const data = await encoded(image, options);
      const mime = options.format === 'png' ? 'image/png' : 'image/jpeg';
      return [image.url, { dataUrl: `data:${mime};base64,${data.toString('base64')}`, ...placedSize(image, theme), bytes: data.length }] as const;
    }),
  );
  return new Map(placed);
}

let blank: Promise<string> | undefined;

/** Every image as a 1-pixel stand-in at its placed size: the document typeset to learn what its text costs. */
export async function placeholderImages(images: readonly SourceImage[], theme: Theme): Promise<Map<string, PlacedImage & { bytes: number }>> {
  blank ??= loadSharp().then(async (sharp) => (await sharp({ create: { width: 1, height: 1, channels: 3, background: '#ffffff' } }).jpeg().toBuffer()).toString('base64'));
  const data = await blank;
  return new Map(images.map((image) => [image.url, { dataUrl: `data:image/jpeg;base64,${data}`, ...placedSize(image, theme), bytes: (data.length * 3) / 4 }]));
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
