import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { Definition, Root } from 'mdast';
import { diagnostic, type Diagnostic, type Position } from '../diagnostics.js';
import { imageProblem, resolveAsset } from '../read/resolve-asset.js';
import { nearMiss } from '../read/near-miss.js';
import { encodeImage, imageInfo, loadSharp, type ImageInfo } from '../media/encode-image.js';
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

/** The steps a document walks down until it fits its cap; the first is what every document gets. */
export const qualitySteps: readonly ImageQuality[] = [
  { jpegQuality: 82, resolution: 1, keepPng: true },
  { jpegQuality: 72, resolution: 1, keepPng: false },
  { jpegQuality: 62, resolution: 0.75, keepPng: false },
  { jpegQuality: 52, resolution: 0.5, keepPng: false },
  { jpegQuality: 42, resolution: 0.4, keepPng: false },
];

export interface SourceImage {
  url: string;
  path: string;
  width: number;
  height: number;
  png: boolean;
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
      images.push({ url, path: resolved.path, width: info.width, height: info.height, png: info.format === 'png' || (info.hasAlpha && info.format !== 'jpeg') });
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

/** Encodes each image at the pixels it is printed at, as data URLs (pdfmake takes no Buffers). */
export async function placeImages(images: readonly SourceImage[], theme: Theme, quality: ImageQuality): Promise<Map<string, PlacedImage & { bytes: number }>> {
  const placed = await Promise.all(
    images.map(async (image) => {
      const size = placedSize(image, theme);
      const dpi = printDpi * quality.resolution;
      const png = image.png && quality.keepPng;
      const encoded = await encodeImage(image.path, {
        maxWidth: Math.max(16, (size.width / 72) * dpi),
        maxHeight: Math.max(16, (size.height / 72) * dpi),
        format: png ? 'png' : 'jpeg',
        quality: quality.jpegQuality,
      });
      const mime = png ? 'image/png' : 'image/jpeg';
      return [image.url, { dataUrl: `data:${mime};base64,${encoded.data.toString('base64')}`, ...size, bytes: encoded.data.length }] as const;
    }),
  );
  return new Map(placed);
}

export type ImageProbe = { info: ImageInfo } | { problem: 'image-heic' | 'image-undecodable'; reason: string };

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
    probe = decode(data, path);
    probes.set(key, probe);
    if (probes.size > probesKept) probes.delete(probes.keys().next().value!);
  }
  return probe;
}

async function decode(data: Buffer, path: string): Promise<ImageProbe> {
  try {
    const info = await imageInfo(data);
    const sharp = await loadSharp();
    await sharp(data, { failOn: 'error' }).resize(256, 256, { fit: 'inside' }).raw().toBuffer();
    return { info };
  } catch (error) {
    // An iPhone photo, whatever its name: sharp's prebuilt libheif reads HEIC headers but has no HEVC decoder.
    if ((await sniff(path).catch(() => undefined))?.image === 'heic') return { problem: 'image-heic', reason: '' };
    return { problem: 'image-undecodable', reason: (error as Error).message.split('\n')[0] ?? '' };
  }
}
